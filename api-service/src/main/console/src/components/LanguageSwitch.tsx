import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** 中文 / English, each labelled in its own language so a user who cannot read the other finds theirs. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const choice = (language: string, label: string, testId: string) => (
    <Button
      size="small"
      type={i18n.language === language ? 'primary' : 'default'}
      aria-pressed={i18n.language === language}
      lang={language}
      data-testid={testId}
      onClick={() => i18n.changeLanguage(language)}
    >
      {label}
    </Button>
  );
  return (
    <Space.Compact role="group" aria-label={t('common:language')}>
      {choice('zh-CN', '中文', 'lang-zh')}
      {choice('en', 'English', 'lang-en')}
    </Space.Compact>
  );
}
