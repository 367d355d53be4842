import type { zhExports } from './zh-CN-exports';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English for exports and saved views; keys identical to zh-CN-exports. */
export const enExports: Strings<typeof zhExports> = {
  exports: {
    export: 'Export',
    csv: 'Export CSV',
    xlsx: 'Export Excel',
    background: 'Export Excel in the background (large lists)',
    recent: 'My exports',
    recentTitle: 'My exports',
    started:
      'The export is running in the background; download it here when it is done. You can close this window and come back later.',
    downloaded: 'Downloaded {{name}}',
    download: 'Download',
    expired: 'File expired and deleted',
    keptUntil: 'kept until {{date}}',
    none: 'No background exports yet',
    rows_one: '{{formatted}} row',
    rows_other: '{{formatted}} rows',
    lists: {
      customers: 'Customers',
      pool: 'Public pool',
      tasks: 'Tasks',
      complaints: 'Complaints',
      orders: 'Orders',
      audit: 'Audit log',
    },
    status: { queued: 'Queued', running: 'Running', succeeded: 'Done', failed: 'Failed' },
  },
  views: {
    pick: 'Saved views',
    mine: 'My views',
    shared: 'Shared with my team',
    none: 'No saved views yet',
    save: 'Save view',
    saveTitle: 'Save the current filters, columns and sort as a view',
    editTitle: 'Edit view',
    edit: 'Edit view',
    delete: 'Delete view',
    deleteConfirm: 'Delete the view “{{name}}”?',
    deleted: 'View deleted',
    saved: 'View “{{name}}” saved',
    name: 'View name',
    nameRequired: 'Enter a name for the view',
    shareWith: 'Share with team',
    shareHint: 'Only with a team you belong to or lead; leave empty to keep it private.',
    private: 'Only me',
    columns: 'Columns shown',
    allColumns: 'All columns',
  },
};
