import type { ReactNode } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from './i18n';

/** Toggles between 中文 and English; the label names the language it switches to. */
export const LanguageSwitch = ({ icon }: { icon?: ReactNode }) => {
  const { t } = useTranslation();
  const next = currentLanguage() === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Button
      icon={icon}
      data-testid="lang-switch"
      aria-label={t('topBar.switchLanguage')}
      lang={next}
      autoInsertSpace={false}
      onClick={() => void setLanguage(next)}
    >
      {next === 'en-US' ? 'English' : '中文'}
    </Button>
  );
};
