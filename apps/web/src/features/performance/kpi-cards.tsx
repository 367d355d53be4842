import { Card, Col, Row, Skeleton, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { KpiDefinitionOut, KpiResult } from '@steward/contracts';
import { useFormat } from '../../shared/format';
import { localized } from './api';
import { formatKpi } from './kpi-format';

type Props = { result: KpiResult | undefined; definitions: KpiDefinitionOut[]; loading: boolean };

/** One card per KPI; hovering the name shows its definition. */
export const KpiCards = ({ result, definitions, loading }: Props) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  if (!result) return <Skeleton active loading={loading} />;
  return (
    <Row gutter={[16, 16]} data-testid="kpi-cards">
      {result.data.map((k) => {
        const def = byKey.get(k.kpi);
        const name = def ? localized(def.name, fmt.lang) : k.kpi;
        return (
          <Col key={k.kpi} xs={24} sm={12} md={8} xl={6}>
            <Card size="small" data-testid={`kpi-${k.kpi}`}>
              <Tooltip title={def ? localized(def.description, fmt.lang) : undefined}>
                <Typography.Text type="secondary" style={{ cursor: 'help' }}>
                  {name} <InfoCircleOutlined aria-label={t('perf.definition')} />
                </Typography.Text>
              </Tooltip>
              <div style={{ fontSize: 24, fontWeight: 600, marginTop: 4 }} data-testid={`kpi-value-${k.kpi}`}>
                {formatKpi(k.value, k.unit, fmt, t)}
              </div>
              {def && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {def.direction === 'higher' ? <ArrowUpOutlined /> : <ArrowDownOutlined />}{' '}
                  {t(def.direction === 'higher' ? 'perf.higherBetter' : 'perf.lowerBetter')}
                </Typography.Text>
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
};
