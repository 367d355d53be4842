/**
 * The KPI registry (PRODUCT.md C7): every KPI `GET /kpis` answers, with its unit, which direction
 * is better, whether it adds up over time (a straight-line goal expectation only makes sense for
 * those), and its definition in both languages. docs/kpis.md says the same in prose.
 */

export const KPI_KEYS = [
  'sales_amount',
  'order_count',
  'new_customers',
  'retention_rate',
  'churn_rate',
  'avg_satisfaction',
  'nps',
  'complaint_count',
  'first_response_hours_median',
  'resolution_hours_median',
  'visit_completion_rate',
  'task_on_time_rate',
  'profile_completeness',
  'book_value',
] as const;

export type KpiKey = (typeof KPI_KEYS)[number];

/** `currency` is replaced by the organization's currency code (e.g. CNY) in answers. */
export type KpiUnit = 'currency' | 'count' | 'ratio' | 'score' | 'nps' | 'hours' | 'percent';
export type KpiDirection = 'higher' | 'lower';
export type Localized = { 'zh-CN': string; 'en-US': string };

export type KpiDefinition = {
  key: KpiKey;
  unit: KpiUnit;
  direction: KpiDirection;
  /** Sums over the period (sales, counts): the goal expectation grows in a straight line. */
  additive: boolean;
  name: Localized;
  description: Localized;
};

const def = (
  key: KpiKey,
  unit: KpiUnit,
  direction: KpiDirection,
  additive: boolean,
  name: Localized,
  description: Localized,
): KpiDefinition => ({ key, unit, direction, additive, name, description });

export const KPI_DEFINITIONS: readonly KpiDefinition[] = [
  def(
    'sales_amount',
    'currency',
    'higher',
    true,
    { 'zh-CN': '销售额', 'en-US': 'Sales amount' },
    {
      'zh-CN':
        '期间内下单（按组织时区的日期）的订单金额合计（组织币种）。订单归属于下单时刻拥有该客户的客户经理（依据分配历史），客户之后被转移不影响已有业绩。',
      'en-US':
        'Sum of the amounts (organization currency) of orders placed in the period (local days). An order is credited to the manager who owned the customer at the moment of the order, from the assignment history; moving a customer later does not move past sales.',
    },
  ),
  def(
    'order_count',
    'count',
    'higher',
    true,
    { 'zh-CN': '订单数', 'en-US': 'Order count' },
    {
      'zh-CN': '期间内下单的订单数（含金额为 0 的订单），归属规则同销售额。',
      'en-US': 'Number of orders placed in the period (zero-amount orders included), credited like sales.',
    },
  ),
  def(
    'new_customers',
    'count',
    'higher',
    true,
    { 'zh-CN': '新增客户', 'en-US': 'New customers' },
    {
      'zh-CN':
        '期间内创建的客户数（已删除、已合并的不计），归属于创建时刻的负责人；创建时在公海的客户不计入任何人。',
      'en-US':
        'Customers created in the period (deleted or merged ones excluded), credited to their owner at creation; customers created into the pool count for nobody.',
    },
  ),
  def(
    'retention_rate',
    'ratio',
    'higher',
    false,
    { 'zh-CN': '留存率', 'en-US': 'Retention rate' },
    {
      'zh-CN':
        '期初在册且活跃的客户（期初归属于该对象、期初前一天的生命周期阶段为 新/活跃/成熟/有风险/赢回，即买过且未流失）中，期末（或今天，取较早者）仍未处于“流失”阶段的比例。',
      'en-US':
        "Of the customers in the subject's book at the start of the period that were live the day before it (lifecycle stage new, active, mature, at risk or won back: bought and not churned), the share not in the churned stage at the end of the period (or today, if earlier).",
    },
  ),
  def(
    'churn_rate',
    'ratio',
    'lower',
    false,
    { 'zh-CN': '流失率', 'en-US': 'Churn rate' },
    {
      'zh-CN':
        '同一批期初活跃客户中，在期间内进入“流失”阶段的比例（生命周期规则：距上次购买超过 max(3×常规间隔, 180 天)）。期间内流失后又赢回的也计为流失。',
      'en-US':
        'Of the same live customers at the start, the share that entered the churned stage during the period (lifecycle rule: no purchase for more than max(3 × usual interval, 180 days)). One churned and won back within the period still counts as churned.',
    },
  ),
  def(
    'avg_satisfaction',
    'score',
    'higher',
    false,
    { 'zh-CN': '平均满意度', 'en-US': 'Average satisfaction' },
    {
      'zh-CN': '期间内回答的满意度（CSAT，1–5 分）问卷的平均分，归属于发送问卷时客户的负责人。',
      'en-US':
        "Mean score of the CSAT surveys (1–5) answered in the period, credited to the customer's owner when the survey was sent.",
    },
  ),
  def(
    'nps',
    'nps',
    'higher',
    false,
    { 'zh-CN': '净推荐值', 'en-US': 'NPS' },
    {
      'zh-CN':
        '期间内回答的 NPS 问卷（0–10 分）：推荐者（9–10）占比减去贬损者（0–6）占比，乘以 100（−100 至 100）。',
      'en-US':
        'NPS surveys (0–10) answered in the period: percent promoters (9–10) minus percent detractors (0–6), from −100 to 100.',
    },
  ),
  def(
    'complaint_count',
    'count',
    'lower',
    true,
    { 'zh-CN': '投诉数', 'en-US': 'Complaints' },
    {
      'zh-CN': '期间内登记的投诉数，归属于投诉登记时客户的负责人。',
      'en-US':
        "Complaints raised in the period, credited to the customer's owner when the complaint was raised.",
    },
  ),
  def(
    'first_response_hours_median',
    'hours',
    'lower',
    false,
    { 'zh-CN': '首次响应时长（中位数）', 'en-US': 'Time to first response (median)' },
    {
      'zh-CN': '期间内首次响应的投诉，从登记到首次响应的小时数的中位数（自然时间）。',
      'en-US':
        'Median hours from a complaint being raised to its first response, over first responses made in the period (wall-clock time).',
    },
  ),
  def(
    'resolution_hours_median',
    'hours',
    'lower',
    false,
    { 'zh-CN': '解决时长（中位数）', 'en-US': 'Time to resolution (median)' },
    {
      'zh-CN': '期间内解决的投诉，从登记到解决的小时数的中位数（自然时间，含等待客户的时间）。',
      'en-US':
        'Median hours from a complaint being raised to its resolution, over complaints resolved in the period (wall-clock time, waiting on the customer included).',
    },
  ),
  def(
    'visit_completion_rate',
    'ratio',
    'higher',
    false,
    { 'zh-CN': '回访计划完成率', 'en-US': 'Visit-plan completion' },
    {
      'zh-CN':
        '期间内到期的回访任务（已取消的不计）中，在到期日结束前（组织时区）完成的比例；到期日未过且未完成的任务暂不计入。归属于任务执行人。',
      'en-US':
        "Of the visit tasks due in the period (cancelled ones excluded), the share done by the end of their due day (organization time zone); tasks not done whose due day has not ended yet are left out. Credited to the task's assignee.",
    },
  ),
  def(
    'task_on_time_rate',
    'ratio',
    'higher',
    false,
    { 'zh-CN': '任务按时完成率', 'en-US': 'Task on-time rate' },
    {
      'zh-CN': '同回访计划完成率，但包括所有类型的任务。',
      'en-US': 'As visit-plan completion, over tasks of every type.',
    },
  ),
  def(
    'profile_completeness',
    'percent',
    'higher',
    false,
    { 'zh-CN': '档案完整度', 'en-US': 'Profile completeness' },
    {
      'zh-CN': '期末（或今天，取较早者）该对象名下客户的档案完整度（0–100）的平均值（当前档案）。',
      'en-US':
        "Mean profile completeness (0–100, as the profiles are now) of the customers in the subject's book at the end of the period (or now, if earlier).",
    },
  ),
  def(
    'book_value',
    'currency',
    'higher',
    false,
    { 'zh-CN': '客户价值总额', 'en-US': 'Book value' },
    {
      'zh-CN':
        '期末（或今天，取较早者）之前最近一次价值刷新时，该对象名下客户的 CLV 之和（按刷新时的负责人统计；之后转移的客户自下一次刷新起计入新负责人）。',
      'en-US':
        "Sum of the CLV of the customers in the subject's book as of the latest value refresh at or before the end of the period (or now, if earlier), by their owner at that refresh; a customer moved since counts for its new owner from the next refresh.",
    },
  ),
];

const BY_KEY = new Map(KPI_DEFINITIONS.map((d) => [d.key, d]));

export const isKpiKey = (key: string): key is KpiKey => BY_KEY.has(key as KpiKey);

export function kpiDefinition(key: KpiKey): KpiDefinition {
  return BY_KEY.get(key)!;
}
