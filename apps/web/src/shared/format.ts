import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import relativeTime from 'dayjs/plugin/relativeTime';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { useTranslation } from 'react-i18next';
import { useMe } from './session';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

export const DATE_TIME = 'YYYY-MM-DD HH:mm';
export const DATE = 'YYYY-MM-DD';

const safeTz = (tz: string | undefined) => {
  if (!tz) return undefined;
  try {
    Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
};

/** Formatting helpers bound to the interface language and the organization's time zone. */
export const useFormat = () => {
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  const tz = safeTz(me?.organization.timeZone);
  const lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const inZone = (iso: string) => (tz ? dayjs(iso).tz(tz) : dayjs(iso));
  const dayjsLocale = lang === 'en-US' ? 'en' : 'zh-cn';

  return {
    tz,
    lang,
    dateTime: (iso: string | null | undefined) => (iso ? inZone(iso).format(DATE_TIME) : '—'),
    date: (iso: string | null | undefined) => (iso ? inZone(iso).format(DATE) : '—'),
    relative: (iso: string | null | undefined) => (iso ? dayjs(iso).locale(dayjsLocale).fromNow() : '—'),
    money: (amount: number, currency?: string | null) => {
      const cur = currency || me?.organization.currency || 'CNY';
      try {
        return new Intl.NumberFormat(lang, {
          style: 'currency',
          currency: cur,
          currencyDisplay: 'narrowSymbol',
        }).format(amount);
      } catch {
        return `${new Intl.NumberFormat(lang, { minimumFractionDigits: 2 }).format(amount)} ${cur}`;
      }
    },
    number: (n: number) => new Intl.NumberFormat(lang).format(n),
  };
};

export type Formatters = ReturnType<typeof useFormat>;
