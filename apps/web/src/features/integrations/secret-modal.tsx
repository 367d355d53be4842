import { Alert, Button, Flex, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shows a secret once, with a copy button; the server never answers it again. */
export const SecretModal = ({
  title,
  warning,
  secret,
  onClose,
}: {
  title: string;
  warning: string;
  secret: string | null;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  return (
    <Modal
      open={secret !== null}
      title={title}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="secret-done">
          {t('integrations.tokens.done')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Alert type="warning" showIcon title={warning} />
        <Typography.Paragraph
          code
          data-testid="secret-value"
          style={{ wordBreak: 'break-all', marginBottom: 0 }}
          copyable={{
            text: secret ?? '',
            tooltips: [t('integrations.tokens.copy'), t('integrations.tokens.copied')],
          }}
        >
          {secret}
        </Typography.Paragraph>
      </Flex>
    </Modal>
  );
};
