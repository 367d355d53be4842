import { useState } from 'react';
import { Button } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../shared/session';
import { COMPLAINT_WRITERS } from './api';
import { ComplaintModal } from './complaint-modal';

/** "New complaint" on a customer's page; opens the complaint once raised. */
export const NewComplaintButton = ({ customer }: { customer: { id: string; name: string } }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSession();
  const [open, setOpen] = useState(false);
  if (!COMPLAINT_WRITERS.includes(me.user.role)) return null;
  return (
    <>
      <Button icon={<AlertOutlined />} onClick={() => setOpen(true)} data-testid="new-complaint">
        {t('complaints.new')}
      </Button>
      <ComplaintModal
        open={open}
        customer={customer}
        onClose={() => setOpen(false)}
        onCreated={(c) => {
          setOpen(false);
          navigate(`/complaints/${c.id}`);
        }}
      />
    </>
  );
};
