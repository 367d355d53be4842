import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import type { DuplicateCandidate } from '@steward/contracts';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

type Props = {
  candidates: DuplicateCandidate[];
  /** Used to offer a search when the server did not name the candidates. */
  searchText: string;
  canForce: boolean;
  canMerge: boolean;
  busy: boolean;
  onCreateAnyway: () => void;
  onMerge: (candidateId: string) => void;
};

/** The 409 duplicate warning: open the existing customer, merge into it, or create anyway. */
export const DuplicateAlert = ({
  candidates,
  searchText,
  canForce,
  canMerge,
  busy,
  onCreateAnyway,
  onMerge,
}: Props) => {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="duplicate-warning"
      style={{ marginBottom: 16 }}
      title={t('duplicate.title')}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t('duplicate.explain')}</Typography.Paragraph>
          {candidates.length === 0 && (
            <Link to={`/customers?q=${encodeURIComponent(searchText)}`} data-testid="duplicate-search">
              {t('duplicate.search')}
            </Link>
          )}
          {candidates.length > 0 && (
            <List
              size="small"
              dataSource={candidates}
              renderItem={(c) => (
                <List.Item
                  actions={[
                    c.accessible ? (
                      <Link key="open" to={`/customers/${c.id}`} data-testid="duplicate-open">
                        {t('duplicate.open')}
                      </Link>
                    ) : (
                      <Typography.Text key="hidden" type="secondary">
                        {t('duplicate.notYours')}
                      </Typography.Text>
                    ),
                    ...(c.accessible && canMerge
                      ? [
                          <Button
                            key="merge"
                            size="small"
                            loading={busy}
                            onClick={() => onMerge(c.id)}
                            data-testid="duplicate-merge"
                          >
                            {t('duplicate.merge')}
                          </Button>,
                        ]
                      : []),
                  ]}
                >
                  <Space wrap>
                    <Typography.Text strong>{c.name}</Typography.Text>
                    {c.matchedOn.map((m) => (
                      <Tag key={m}>{t(`duplicate.matchedOn.${m}`)}</Tag>
                    ))}
                  </Space>
                </List.Item>
              )}
            />
          )}
          {canForce && (
            <Button
              style={{ marginTop: 8, display: 'block' }}
              onClick={onCreateAnyway}
              loading={busy}
              data-testid="duplicate-create-anyway"
            >
              {t('duplicate.createAnyway')}
            </Button>
          )}
        </>
      }
    />
  );
};
