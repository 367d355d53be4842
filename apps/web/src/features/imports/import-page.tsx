import { useState } from 'react';
import { Alert, Button, Card, Form, Radio, Select, Space, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { errorText } from '../../shared/errors';
import {
  IMPORT_ENTITIES,
  previewImport,
  startImport,
  useTemplates,
  type ImportEntity,
  type Mapping,
  type Preview,
} from './api';
import { MappingStep } from './mapping-step';
import { PreviewStep } from './preview-step';
import { RunStep } from './run-step';

type Dedupe = 'skip' | 'update' | 'merge';
const KEYS: Record<ImportEntity, string[]> = {
  customers: ['externalId', 'email', 'phone', 'name_region'],
  contacts: ['email', 'phone', 'name_region'],
  orders: [],
  interactions: [],
};

/** The import wizard: upload → mapping → preview → duplicates → run and report. */
export const ImportPage = () => {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [entity, setEntity] = useState<ImportEntity>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [templateId, setTemplateId] = useState<string>('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [dedupe, setDedupe] = useState<Dedupe>('skip');
  const [dedupeKey, setDedupeKey] = useState('');
  const [importId, setImportId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const templates = useTemplates(entity);

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const cleanMapping = () => Object.fromEntries(Object.entries(mapping).filter(([, f]) => f));

  const toMapping = () =>
    act(async () => {
      const template = templates.data?.data.find((x) => x.id === templateId);
      const p = await previewImport({ file: file!, entity, mapping: template?.mapping });
      setPreview(p);
      setMapping(p.mapping);
      setStep(1);
    });
  const toPreview = () =>
    act(async () => {
      setPreview(await previewImport({ file: file!, entity, mapping: cleanMapping() }));
      setStep(2);
    });
  const run = () =>
    act(async () => {
      const r = await startImport({
        file: file!,
        entity,
        mapping: cleanMapping(),
        dedupe,
        dedupeKey: dedupeKey || undefined,
      });
      setImportId(r.importId);
      setStep(4);
    });
  const restart = () => {
    setStep(0);
    setFile(null);
    setPreview(null);
    setImportId(null);
  };

  const back = step > 0 && step < 4 && (
    <Button onClick={() => setStep(step - 1)} disabled={busy}>
      {t('imports.back')}
    </Button>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={3}>{t('imports.title')}</Typography.Title>
      <Steps
        current={step}
        items={(['upload', 'mapping', 'preview', 'dedupe', 'run'] as const).map((s) => ({
          title: t(`imports.steps.${s}`),
        }))}
      />
      {error !== null && (
        <Alert
          type="error"
          showIcon
          title={errorText(t, error)}
          description={
            error instanceof ApiError && error.details.length
              ? error.details.map((d) => `${d.path}: ${d.message}`).join('; ')
              : undefined
          }
        />
      )}
      <Card>
        {step === 0 && (
          <Form layout="vertical" style={{ maxWidth: 520 }}>
            <Form.Item label={t('imports.entityLabel')}>
              <Radio.Group
                value={entity}
                onChange={(e) => {
                  setEntity(e.target.value as ImportEntity);
                  setTemplateId('');
                  setDedupeKey('');
                }}
                options={IMPORT_ENTITIES.map((e) => ({ value: e, label: t(`imports.entity.${e}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('imports.file')}>
              <input
                type="file"
                accept=".csv,.txt,.tsv,.xlsx"
                data-testid="import-file"
                aria-label={t('imports.chooseFile')}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </Form.Item>
            <Form.Item label={t('imports.template')}>
              <Select
                value={templateId}
                onChange={setTemplateId}
                options={[
                  { value: '', label: t('imports.noTemplate') },
                  ...(templates.data?.data ?? []).map((x) => ({ value: x.id, label: x.name })),
                ]}
              />
            </Form.Item>
            <Button
              type="primary"
              disabled={!file}
              loading={busy}
              onClick={() => void toMapping()}
              data-testid="import-next"
            >
              {t('imports.next')}
            </Button>
          </Form>
        )}
        {step === 1 && preview && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <MappingStep entity={entity} preview={preview} mapping={mapping} onChange={setMapping} />
            <Space>
              {back}
              <Button
                type="primary"
                loading={busy}
                onClick={() => void toPreview()}
                data-testid="import-next"
              >
                {t('imports.next')}
              </Button>
            </Space>
          </Space>
        )}
        {step === 2 && preview && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <PreviewStep preview={preview} />
            <Space>
              {back}
              <Button
                type="primary"
                disabled={preview.mappingProblems.length > 0}
                onClick={() => setStep(3)}
                data-testid="import-next"
              >
                {t('imports.next')}
              </Button>
            </Space>
          </Space>
        )}
        {step === 3 && (
          <Form layout="vertical">
            <Form.Item label={t('imports.dedupe.label')}>
              <Radio.Group value={dedupe} onChange={(e) => setDedupe(e.target.value as Dedupe)}>
                <Space direction="vertical">
                  {(['skip', 'update', 'merge'] as const).map((d) => (
                    <Radio key={d} value={d}>
                      {t(`imports.dedupe.${d}`)}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            {KEYS[entity].length > 0 && (
              <Form.Item label={t('imports.dedupe.key')}>
                <Select
                  style={{ width: 240 }}
                  value={dedupeKey}
                  onChange={setDedupeKey}
                  options={[
                    { value: '', label: t('imports.dedupe.keyDefault') },
                    ...KEYS[entity].map((k) => ({ value: k, label: t(`imports.dedupe.${k}`) })),
                  ]}
                />
              </Form.Item>
            )}
            <Space>
              {back}
              <Button type="primary" loading={busy} onClick={() => void run()} data-testid="import-start">
                {t('imports.start')}
              </Button>
            </Space>
          </Form>
        )}
        {step === 4 && importId && <RunStep importId={importId} onAgain={restart} />}
      </Card>
    </Space>
  );
};
