import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORED = 'vitalink.language';

// every namespace of every language is bundled: the console works offline from the API's classpath
const modules = import.meta.glob<Record<string, unknown>>('./*/*.json', { eager: true, import: 'default' });
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, strings] of Object.entries(modules)) {
  const [, language, namespace] = path.match(/^\.\/([^/]+)\/([^/]+)\.json$/)!;
  (resources[language] ??= {})[namespace] = strings;
}

function stored(): Language {
  return localStorage.getItem(STORED) === 'en' ? 'en' : 'zh-CN';
}

function apply(language: string) {
  document.documentElement.lang = language;
  document.title = i18n.t('common:appTitle');
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
}

i18n.use(initReactI18next).init({
  resources,
  lng: stored(),
  fallbackLng: false,
  ns: Object.keys(resources['zh-CN']),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});
apply(i18n.language);
i18n.on('languageChanged', (language) => {
  localStorage.setItem(STORED, language);
  apply(language);
});

export default i18n;
