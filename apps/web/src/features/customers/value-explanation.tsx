import { Descriptions, Flex, Tag, Tooltip, Typography } from 'antd';
import type { CustomerValueOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Formatters } from '../../shared/format';
import {
  CHURN_REASON_KINDS,
  keyInfo,
  MODELS,
  REASON_KINDS,
  SCORES,
  SEGMENTS,
  STAGE_CODES,
  TIERS,
  UNITS,
  VALUE_CODES,
  type Kind,
} from './value-explanation-codes';

type Part = CustomerValueOut['explanation']['parts'][number];
type Raw = number | string | null | undefined;

const isCalendarDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Formats one value of the given kind for the interface language, currency and time zone. */
const formatValue = (kind: Kind, v: Raw, part: Part, t: TFunction, fmt: Formatters): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') {
    if (kind === 'date') return isCalendarDate(v) ? v : fmt.date(v);
    if (kind === 'code' && VALUE_CODES.has(v)) return t(`customerValue.explain.values.${v}`);
    return v;
  }
  if (!Number.isFinite(v)) return String(v);
  const num = (digits: number) =>
    new Intl.NumberFormat(fmt.lang, { maximumFractionDigits: digits }).format(v);
  switch (kind) {
    case 'money':
      return fmt.money(v);
    case 'percent':
      return new Intl.NumberFormat(fmt.lang, { style: 'percent', maximumFractionDigits: 2 }).format(v);
    case 'cutoff':
      return part.parameters.kind === 'threshold'
        ? fmt.money(v)
        : new Intl.NumberFormat(fmt.lang, { style: 'percent', maximumFractionDigits: 2 }).format(v);
    case 'days':
      return t('customerValue.explain.days', { count: v, n: num(1) });
    case 'score':
      return t('customerValue.explain.scoreOf', { n: num(0) });
    case 'factor':
      return t('customerValue.explain.factor', { n: num(2) });
    case 'periods': {
      const unit =
        typeof part.parameters.unit === 'string' && UNITS.has(part.parameters.unit)
          ? part.parameters.unit
          : 'period';
      return `${num(2)} ${t(`customerValue.units.${unit}`, { count: v })}`;
    }
    case 'count':
      return num(2);
    default:
      return num(4);
  }
};

const Labelled = ({ label, raw }: { label: string; raw: string }) => (
  <Tooltip title={raw}>
    <span data-testid="value-explanation-other" style={{ textDecoration: 'underline dotted' }}>
      {label}
    </span>
  </Tooltip>
);

const pairs = (record: Record<string, Raw>, part: Part, t: TFunction, fmt: Formatters) =>
  Object.entries(record).map(([key, raw]) => {
    const info = keyInfo(part.score, key);
    return {
      key,
      label: info ? (
        t(info.i18nKey)
      ) : (
        <Labelled
          label={t('customerValue.explain.otherInput')}
          raw={t('customerValue.explain.rawKey', { key })}
        />
      ),
      children: info
        ? formatValue(info.kind, raw, part, t, fmt)
        : formatValue(typeof raw === 'number' ? 'number' : 'text', raw, part, t, fmt),
    };
  });

const resultText = (part: Part, t: TFunction, fmt: Formatters): string => {
  const r = part.result;
  if (r === null) return '—';
  if (typeof r === 'string') {
    if (part.score === 'rfm' && SEGMENTS.has(r)) return t(`customerValue.segments.${r}`);
    if (part.score === 'tier' && TIERS.has(r)) return t('customer.tierLabel', { tier: r });
    if (part.score === 'lifecycle' && STAGE_CODES.has(r)) return t(`stage.${r}`);
    return formatValue('code', r, part, t, fmt);
  }
  return formatValue(part.score === 'clv' ? 'money' : 'number', r, part, t, fmt);
};

const ReasonItem = ({
  reason,
  part,
  fmt,
}: {
  reason: Part['reasons'][number];
  part: Part;
  fmt: Formatters;
}) => {
  const { t } = useTranslation();
  const { code } = reason;
  const f = (kind: Kind, v: Raw) => formatValue(kind, v, part, t, fmt);
  const withValues = (label: string, kinds: [Kind, Kind]) => {
    const hasValue = reason.value !== null && reason.value !== undefined;
    const hasThreshold = reason.threshold !== null && reason.threshold !== undefined;
    if (hasValue && hasThreshold)
      return `${label} (${t('customerValue.reasonValues', { value: f(kinds[0], reason.value), threshold: f(kinds[1], reason.threshold) })})`;
    if (hasValue) return `${label}: ${f(kinds[0], reason.value)}`;
    return label;
  };

  let text: string | null = null;
  let match: RegExpExecArray | null;
  if (Object.hasOwn(REASON_KINDS, code))
    text = withValues(t(`customerValue.explain.reasons.${code}`), REASON_KINDS[code]!);
  else if (Object.hasOwn(CHURN_REASON_KINDS, code))
    text = withValues(t(`customerValue.churnReasons.${code}`), CHURN_REASON_KINDS[code]!);
  else if ((match = /^segment_(.+)$/.exec(code)) && SEGMENTS.has(match[1]!))
    text = t('customerValue.explain.reasons.segment', {
      segment: t(`customerValue.segments.${match[1]}`),
      cell: f('text', reason.value),
    });
  else if ((match = /^tier_(percentile|threshold)_([A-D])$/.exec(code)))
    text = withValues(
      t(`customerValue.explain.reasons.tier_${match[1] as 'percentile' | 'threshold'}`, { tier: match[2] }),
      match[1] === 'percentile' ? ['percent', 'percent'] : ['money', 'money'],
    );
  else if (code === 'tier_manual_override')
    text = t('customerValue.explain.reasons.tier_manual_override', {
      tier: f('text', reason.value),
      ruleTier: f('text', reason.threshold),
    });
  else if ((match = /^stage_(.+)$/.exec(code)) && STAGE_CODES.has(match[1]!)) {
    const stage = t(`stage.${match[1]}`);
    text =
      typeof reason.value === 'string' && reason.value
        ? `${t('customerValue.explain.reasons.stage', { stage })} (${t('customerValue.since', { date: f('date', reason.value) })})`
        : t('customerValue.explain.reasons.stage', { stage });
  }

  if (text !== null) return <li>{text}</li>;
  const value =
    reason.value === null || reason.value === undefined
      ? null
      : f(typeof reason.value === 'number' ? 'number' : 'text', reason.value);
  return (
    <li>
      <Labelled label={t('customerValue.explain.otherReason')} raw={code} />
      {value !== null && `: ${value}`}
    </li>
  );
};

const PartView = ({ part, fmt }: { part: Part; fmt: Formatters }) => {
  const { t } = useTranslation();
  const inputs = pairs(part.inputs, part, t, fmt);
  const parameters = pairs(part.parameters, part, t, fmt);
  return (
    <Flex vertical gap={8} data-testid={`value-explanation-${part.score}`}>
      <Flex gap={8} align="center" wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {SCORES.has(part.score) ? (
            t(`customerValue.explain.scores.${part.score}`)
          ) : (
            <Labelled label={t('customerValue.explain.otherScore')} raw={part.score} />
          )}
        </Typography.Title>
        <Tag color="blue">{resultText(part, t, fmt)}</Tag>
      </Flex>
      <Typography.Text type="secondary">
        {t('customerValue.explain.model')}:{' '}
        {MODELS.has(part.model) ? (
          t(`customerValue.explain.models.${part.model}`)
        ) : (
          <Labelled label={t('customerValue.explain.otherModel')} raw={part.model} />
        )}
      </Typography.Text>
      {inputs.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2, lg: 3 }}
          title={t('customerValue.explain.inputs')}
          items={inputs}
        />
      )}
      {parameters.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2, lg: 3 }}
          title={t('customerValue.explain.parameters')}
          items={parameters}
        />
      )}
      {part.reasons.length > 0 && (
        <div>
          <Typography.Text strong>{t('customerValue.explain.reasonsTitle')}</Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {part.reasons.map((r, i) => (
              <ReasonItem key={i} reason={r} part={part} fmt={fmt} />
            ))}
          </ul>
        </div>
      )}
    </Flex>
  );
};

/** The structured, translated explanation of a customer's scores, rendered from `explanation.parts`. */
export const ValueExplanation = ({ parts, fmt }: { parts: Part[]; fmt: Formatters }) => {
  const { t } = useTranslation();
  return (
    <div data-testid="value-explanation">
      {parts.length === 0 ? (
        <Typography.Text type="secondary">{t('customerValue.explain.empty')}</Typography.Text>
      ) : (
        <Flex vertical gap={16}>
          {parts.map((p, i) => (
            <PartView key={`${p.score}-${i}`} part={p} fmt={fmt} />
          ))}
        </Flex>
      )}
    </div>
  );
};
