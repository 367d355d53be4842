import { Col, Form, InputNumber, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PoolPolicy } from '../pool/api';

export const LIMIT_KEYS = ['maxClaimsPerDay', 'maxHeld', 'cooldownDays', 'maxProtected'] as const;
export type LimitKey = (typeof LIMIT_KEYS)[number];
export type LimitValues = Partial<Record<LimitKey, number | null>>;

export const limitValues = (p: PoolPolicy | undefined): LimitValues =>
  Object.fromEntries(LIMIT_KEYS.map((k) => [k, p?.[k] ?? null])) as LimitValues;

/** Empty inputs mean "not set" and are sent as null. */
export const limitBody = (v: LimitValues) =>
  Object.fromEntries(LIMIT_KEYS.map((k) => [k, typeof v[k] === 'number' ? v[k] : null])) as Record<
    LimitKey,
    number | null
  >;

/** The four pool limits as number inputs; used for the organization form and per team / person rules. */
export const LimitFields = ({ prefix }: { prefix: string }) => {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      {LIMIT_KEYS.map((k) => (
        <Col xs={24} sm={12} key={k}>
          <Form.Item
            label={t(`poolSettings.fields.${k}`)}
            name={k}
            extra={t(`poolSettings.hints.${k}`)}
            rules={[{ type: 'integer', min: 0, max: 100000, message: t('poolSettings.invalidNumber') }]}
          >
            <InputNumber
              min={0}
              max={100000}
              precision={0}
              placeholder={t('poolSettings.notSet')}
              style={{ width: '100%' }}
              data-testid={`${prefix}-${k}`}
            />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
};
