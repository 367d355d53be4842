import { useState } from 'react';
import { Button, Empty, Flex, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { SurveyTemplateOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useSession } from '../../shared/session';
import { TEMPLATE_ROLES, useSurveyTemplates } from './api';
import { TemplateModal } from './template-modal';

/** Survey templates: everyone reads them; directors and administrators write them. */
export const SurveyTemplatesPage = () => {
  const { t } = useTranslation();
  const me = useSession();
  const canEdit = TEMPLATE_ROLES.includes(me.user.role);
  const list = useSurveyTemplates();
  const [editing, setEditing] = useState<SurveyTemplateOut | null | 'new'>(null);

  const columns = [
    { title: t('surveyTemplates.fields.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('surveyTemplates.fields.kind'),
      key: 'kind',
      render: (_: unknown, r: SurveyTemplateOut) => <Tag>{t(`surveys.kind.${r.kind}`)}</Tag>,
    },
    {
      title: t('surveyTemplates.fields.question'),
      key: 'question',
      ellipsis: true,
      render: (_: unknown, r: SurveyTemplateOut) => r.question ?? t(`surveys.defaultQuestionShort.${r.kind}`),
    },
    {
      title: t('surveyTemplates.fields.trigger'),
      key: 'trigger',
      render: (_: unknown, r: SurveyTemplateOut) => t(`surveys.trigger.${r.trigger ?? 'none'}`),
    },
    {
      title: t('surveyTemplates.fields.validDays'),
      key: 'validDays',
      render: (_: unknown, r: SurveyTemplateOut) => t('surveyTemplates.daysCount', { count: r.validDays }),
    },
    {
      title: t('surveyTemplates.fields.active'),
      key: 'active',
      render: (_: unknown, r: SurveyTemplateOut) =>
        r.active ? <Tag color="green">{t('surveyTemplates.on')}</Tag> : <Tag>{t('surveyTemplates.off')}</Tag>,
    },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: SurveyTemplateOut) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(r)}
                data-testid={`edit-template-${r.id}`}
              >
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="baseline" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('surveyTemplates.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('surveyTemplates.subtitle')}</Typography.Text>
        </Flex>
        {canEdit && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="new-template"
          >
            {t('surveyTemplates.new')}
          </Button>
        )}
      </Flex>
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Table<SurveyTemplateOut>
        data-testid="template-table"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.data ?? []}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 900 }}
        size="middle"
        locale={{ emptyText: list.isPending ? ' ' : <Empty description={t('surveyTemplates.empty')} /> }}
      />
      <TemplateModal
        open={editing !== null}
        template={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
    </Flex>
  );
};
