import { useMemo, useState } from 'react';
import type { Key } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  InputNumber,
  Result,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { NodeIndexOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useTeams } from '../pool/api';
import { MAX_MOVES_DEFAULT, MAX_MOVES_LIMIT, proposeRebalance, type ManagerLoad, type Move } from './api';
import { ApplyModal } from './apply-modal';
import { managerColumns, moveColumns } from './rebalance-columns';

const spread = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');

/** Proposes moves that even out the managers' books, and applies the ones the lead keeps. */
export const RebalancePage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const teams = useTeams();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [maxMoves, setMaxMoves] = useState<number>(MAX_MOVES_DEFAULT);
  const [selected, setSelected] = useState<Key[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [stale, setStale] = useState(false);
  const propose = useMutation({
    mutationFn: () => proposeRebalance({ teamId, maxMoves }),
    onMutate: () => setStale(false),
    onSuccess: (p) => setSelected(p.moves.map((m) => m.customerId)),
  });
  const proposal = propose.data;
  const moves = useMemo(() => proposal?.moves ?? [], [proposal]);
  const chosen = useMemo(() => moves.filter((m) => selected.includes(m.customerId)), [moves, selected]);

  const make = () => {
    if (!Number.isInteger(maxMoves) || maxMoves < 1 || maxMoves > MAX_MOVES_LIMIT) {
      void message.error(t('rebalance.maxMovesInvalid', { max: MAX_MOVES_LIMIT }));
      return;
    }
    propose.mutate();
  };

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('rebalance.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('rebalance.subtitle')}</Typography.Text>
      </Flex>
      <Card size="small">
        <Space wrap align="end">
          <Flex vertical gap={4}>
            <Typography.Text>{t('rebalance.team')}</Typography.Text>
            <Select
              allowClear
              value={teamId}
              onChange={(v?: string) => setTeamId(v)}
              placeholder={t('rebalance.teamAll')}
              aria-label={t('rebalance.team')}
              loading={teams.isPending}
              options={(teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              style={{ width: 220 }}
              data-testid="rebalance-team"
            />
          </Flex>
          <Flex vertical gap={4}>
            <Typography.Text>{t('rebalance.maxMoves')}</Typography.Text>
            <InputNumber<number>
              min={1}
              max={MAX_MOVES_LIMIT}
              precision={0}
              value={maxMoves}
              onChange={(v) => setMaxMoves(v ?? MAX_MOVES_DEFAULT)}
              aria-label={t('rebalance.maxMoves')}
              style={{ width: 120 }}
              data-testid="rebalance-max-moves"
            />
          </Flex>
          <Button
            type="primary"
            icon={<NodeIndexOutlined />}
            loading={propose.isPending}
            onClick={make}
            data-testid="rebalance-propose"
          >
            {t('rebalance.propose')}
          </Button>
        </Space>
      </Card>
      {propose.error && <ErrorAlert error={propose.error} onRetry={make} />}
      {!proposal && !propose.isPending && !propose.error && (
        <Card>
          <Empty description={t('rebalance.noProposal')} />
        </Card>
      )}
      {proposal && (
        <>
          <Card size="small" title={t('rebalance.summary')} data-testid="rebalance-summary">
            <Space size={48} wrap>
              <Statistic
                title={t('rebalance.spread')}
                value={`${spread(proposal.spreadBefore)} → ${spread(proposal.spreadAfter)}`}
              />
              <Statistic title={t('rebalance.method')} value={t(`rebalance.methods.${proposal.method}`)} />
              <Statistic title={t('rebalance.moveCount')} value={moves.length} />
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('rebalance.spreadExplain')}
            </Typography.Paragraph>
          </Card>
          <Card size="small" title={t('rebalance.managers')}>
            <Table<ManagerLoad>
              rowKey="id"
              columns={managerColumns(t)}
              dataSource={proposal.managers}
              pagination={false}
              size="small"
              scroll={{ x: 760 }}
              locale={{ emptyText: <Empty description={t('rebalance.noManagers')} /> }}
              data-testid="rebalance-managers"
            />
          </Card>
          {stale && (
            <Alert
              type="warning"
              showIcon
              title={t('rebalance.errors.proposal_stale')}
              action={
                <Button size="small" onClick={make}>
                  {t('rebalance.proposeAgain')}
                </Button>
              }
            />
          )}
          <Card
            size="small"
            title={t('rebalance.moves')}
            extra={
              <Button
                type="primary"
                disabled={chosen.length === 0 || stale}
                onClick={() => setConfirming(true)}
                data-testid="rebalance-apply"
              >
                {t('rebalance.applySelected', { count: chosen.length })}
              </Button>
            }
          >
            {moves.length === 0 ? (
              <Result status="success" title={t('rebalance.noMoves')} data-testid="rebalance-no-moves" />
            ) : (
              <Table<Move>
                rowKey="customerId"
                columns={moveColumns(t)}
                dataSource={moves}
                pagination={false}
                size="small"
                scroll={{ x: 800 }}
                rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys) }}
                data-testid="rebalance-table"
              />
            )}
          </Card>
        </>
      )}
      <ApplyModal
        moves={chosen}
        open={confirming}
        onClose={() => setConfirming(false)}
        onApplied={() => {
          setConfirming(false);
          setSelected([]);
          propose.reset();
        }}
        onStale={() => setStale(true)}
      />
    </Flex>
  );
};
