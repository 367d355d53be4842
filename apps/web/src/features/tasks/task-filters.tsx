import { DatePicker, Flex, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { TASK_TYPES, type TaskType } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../shared/api';
import { useFormat } from '../../shared/format';

export type TaskFilterValues = { type: TaskType[]; due: [Dayjs, Dayjs] | null };
export const NO_FILTERS: TaskFilterValues = { type: [], due: null };

/** The list query of the filters: types, and a due window of whole days in the organization's zone. */
export const useFilterQuery = (f: TaskFilterValues): Query => {
  const { tz } = useFormat();
  const at = (d: Dayjs, end: boolean) => {
    const day = (end ? d.add(1, 'day') : d).format('YYYY-MM-DD');
    const start = tz ? dayjs.tz(`${day}T00:00:00`, tz) : dayjs(`${day}T00:00:00`);
    return (end ? start.subtract(1, 'millisecond') : start).format('YYYY-MM-DDTHH:mm:ss.SSSZ');
  };
  return {
    type: f.type.length ? f.type : undefined,
    dueFrom: f.due ? at(f.due[0], false) : undefined,
    dueTo: f.due ? at(f.due[1], true) : undefined,
  };
};

export const TaskFilters = ({
  value,
  onChange,
}: {
  value: TaskFilterValues;
  onChange: (v: TaskFilterValues) => void;
}) => {
  const { t } = useTranslation();
  return (
    <Flex gap={8} wrap>
      <Select<TaskType[]>
        mode="multiple"
        allowClear
        style={{ minWidth: 220 }}
        placeholder={t('taskFilters.type')}
        aria-label={t('taskFilters.type')}
        value={value.type}
        onChange={(type) => onChange({ ...value, type })}
        options={TASK_TYPES.map((x) => ({ value: x, label: t(`taskType.${x}`) }))}
        data-testid="task-filter-type"
      />
      <DatePicker.RangePicker
        value={value.due}
        placeholder={[t('taskFilters.dueFrom'), t('taskFilters.dueTo')]}
        onChange={(r) => onChange({ ...value, due: r && r[0] && r[1] ? [r[0], r[1]] : null })}
        data-testid="task-filter-due"
      />
    </Flex>
  );
};
