import type { zhProducts } from './zh-CN-products';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English for the product catalog; keys identical to zh-CN-products. */
export const enProducts: Strings<typeof zhProducts> = {
  navProducts: {
    products: 'Product catalog',
  },
  products: {
    title: 'Product catalog',
    subtitleEditor:
      'Products and prices shared by the whole organization; deactivate rather than delete, so past orders keep their products',
    subtitleReader:
      'Products and prices shared by the whole organization (read-only: kept by senior and key-account managers, directors and administrators)',
    create: 'New product',
    edit: 'Edit product',
    code: 'Code',
    codeHelp: 'Unique in the organization; letters, digits and . _ - /',
    name: 'Name',
    category: 'Category',
    unitPrice: 'Unit price',
    currency: 'Currency',
    currencyHelp: 'Three capital letters, e.g. CNY',
    unit: 'Unit',
    description: 'Description',
    active: 'On sale',
    status: 'Status',
    statusActive: 'On sale',
    statusInactive: 'Deactivated',
    deactivate: 'Deactivate',
    reactivate: 'Reactivate',
    deactivateConfirm: 'A deactivated product can no longer be chosen; existing orders keep it. Deactivate?',
    deactivated: 'Product deactivated',
    reactivated: 'Product reactivated',
    saved: 'Product saved',
    search: 'Search code or name',
    empty: 'No products yet',
    loadMore: 'Load more',
    required: 'Required',
  },
};
