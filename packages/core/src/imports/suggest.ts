import type { ImportEntity } from './fields.js';

/**
 * Header names each field is known by, best first: Chinese spreadsheets, and the export headers
 * of Zoho CRM, Salesforce and HubSpot. Compared after `normalizeHeader` (case, spaces and
 * punctuation ignored), so "Billing City", "BillingCity" and "billing_city" are one name.
 * Headers whose values rarely fit Steward's (Salesforce "Rating", HubSpot "Lifecycle Stage",
 * "Account Type") are left for the user to map.
 */
const CUSTOMER_SYNONYMS: Record<string, string[]> = {
  name: [
    'name',
    'customername',
    'accountname',
    'companyname',
    'company',
    'account',
    '客户名称',
    '客户名',
    '客户',
    '名称',
    '公司名称',
    '企业名称',
    '公司',
  ],
  externalId: [
    'externalid',
    'recordid',
    'accountid',
    'id',
    'customerid',
    'accountnumber',
    '外部编号',
    '客户编号',
    '客户id',
    '编号',
  ],
  industry: ['industry', '行业', '所属行业'],
  size: [
    'size',
    'employees',
    'numberofemployees',
    'companysize',
    '规模',
    '公司规模',
    '人数',
    '员工数',
    '员工人数',
  ],
  region: [
    'region',
    'city',
    'billingcity',
    'mailingcity',
    '地区',
    '区域',
    '城市',
    '所在地区',
    '所在城市',
    'stateregion',
    'billingstate',
    'state',
    '省份',
  ],
  address: [
    'address',
    'billingstreet',
    'streetaddress',
    'street',
    'mailingstreet',
    '地址',
    '详细地址',
    '公司地址',
  ],
  source: ['source', 'leadsource', 'accountsource', 'originalsource', '来源', '客户来源', '渠道来源'],
  tier: ['tier', '等级', '客户等级', '客户级别', '级别'],
  stage: ['stage', '阶段', '客户阶段', '生命周期阶段'],
  type: ['customertype', '客户类型', '类型'],
  phone: [
    'phone',
    'phonenumber',
    'mobile',
    'mobilephone',
    'telephone',
    'tel',
    '手机',
    '手机号',
    '手机号码',
    '电话',
    '联系电话',
    '电话号码',
  ],
  email: ['email', 'emailaddress', 'mail', '邮箱', '电子邮箱', '电子邮件', '邮件'],
  idNumber: ['idnumber', '证件号', '证件号码', '身份证号', '统一社会信用代码', '信用代码'],
  tags: ['tags', 'tag', 'labels', '标签'],
  owner: [
    'owner',
    'accountowner',
    'companyowner',
    'customerowner',
    '负责人',
    '客户经理',
    '归属人',
    '所属人',
    '跟进人',
  ],
  contractDate: ['contractdate', '签约日期', '合同日期', '签约时间'],
  notes: ['notes', 'description', 'note', 'remarks', '备注', '描述', '说明'],
};

const REFERENCE_SYNONYMS: Record<string, string[]> = {
  customerExternalId: [
    'customerexternalid',
    'customerid',
    'accountid',
    'accountnumber',
    'companyid',
    '客户编号',
    '客户id',
    '客户外部编号',
  ],
  customerPhone: ['customerphone', '客户手机', '客户电话', '客户手机号'],
  customerEmail: ['customeremail', '客户邮箱'],
  customerName: [
    'customername',
    'customer',
    'accountname',
    'account',
    'companyname',
    'company',
    '客户名称',
    '客户',
    '公司名称',
    '公司',
  ],
};

/** Orders and interactions have no phone or e-mail of their own: those columns name the customer. */
const LOOSE_REFERENCE_SYNONYMS: Record<string, string[]> = {
  ...REFERENCE_SYNONYMS,
  customerPhone: [...REFERENCE_SYNONYMS.customerPhone!, 'phone', 'mobile', '手机', '手机号', '电话'],
  customerEmail: [...REFERENCE_SYNONYMS.customerEmail!, 'email', '邮箱'],
};

const OTHER_SYNONYMS: Record<Exclude<ImportEntity, 'customers'>, Record<string, string[]>> = {
  contacts: {
    ...REFERENCE_SYNONYMS,
    name: ['name', 'contactname', 'fullname', '姓名', '联系人', '联系人姓名'],
    position: ['position', 'title', 'jobtitle', '职位', '职务'],
    phone: ['phone', 'mobile', 'mobilephone', 'phonenumber', '手机', '手机号', '电话', '联系电话'],
    email: ['email', 'emailaddress', '邮箱', '电子邮箱'],
    wechat: ['wechat', 'weixin', '微信', '微信号'],
    birthday: ['birthday', 'birthdate', 'dateofbirth', '生日', '出生日期'],
    preferences: ['preferences', '偏好', '喜好'],
    isPrimary: ['isprimary', 'primary', 'primarycontact', '主要联系人', '首要联系人'],
  },
  orders: {
    ...LOOSE_REFERENCE_SYNONYMS,
    externalId: ['externalid', 'orderid', 'ordernumber', 'orderno', '订单号', '订单编号', '外部编号'],
    orderedAt: [
      'orderedat',
      'orderdate',
      'date',
      'closedate',
      '下单时间',
      '下单日期',
      '订单日期',
      '日期',
      '时间',
    ],
    amount: ['amount', 'total', 'ordertotal', 'ordervalue', '金额', '订单金额', '总金额', '实付金额'],
    currency: ['currency', '币种', '货币'],
    channel: ['channel', '渠道', '销售渠道'],
    product: ['product', 'productname', 'item', '产品', '商品', '产品名称', '商品名称'],
    quantity: ['quantity', 'qty', '数量'],
    unitPrice: ['unitprice', 'price', '单价'],
  },
  interactions: {
    ...LOOSE_REFERENCE_SYNONYMS,
    type: ['type', 'activitytype', '类型', '方式', '跟进方式'],
    occurredAt: ['occurredat', 'date', 'activitydate', 'time', '时间', '日期', '跟进时间', '跟进日期'],
    summary: ['summary', 'subject', 'notes', 'description', '内容', '摘要', '跟进内容', '记录'],
    outcome: ['outcome', 'result', '结果', '跟进结果'],
    nextStep: ['nextstep', '下一步', '下一步计划'],
  },
};

/** A header compared without case, width, spaces, punctuation or a trailing required-marker. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-./\\:()[\]*#'"]/g, '');
}

const synonymsOf = (entity: ImportEntity) =>
  entity === 'customers' ? CUSTOMER_SYNONYMS : OTHER_SYNONYMS[entity];

/**
 * Suggests a field for each header it recognizes (column header → field). Each field goes to at
 * most one column: the one whose name ranks best among the field's synonyms, then the leftmost.
 */
export function suggestMapping(entity: ImportEntity, headers: string[]): Record<string, string> {
  const synonyms = synonymsOf(entity);
  const offers: { header: string; field: string; rank: number; position: number }[] = [];
  headers.forEach((header, position) => {
    const norm = normalizeHeader(header);
    if (!norm) return;
    for (const [field, names] of Object.entries(synonyms)) {
      const rank = names.indexOf(norm);
      if (rank >= 0) offers.push({ header, field, rank, position });
    }
  });
  offers.sort((a, b) => a.rank - b.rank || a.position - b.position);
  const out: Record<string, string> = {};
  const taken = new Set<string>();
  for (const o of offers) {
    if (taken.has(o.field) || o.header in out) continue;
    out[o.header] = o.field;
    taken.add(o.field);
  }
  return out;
}
