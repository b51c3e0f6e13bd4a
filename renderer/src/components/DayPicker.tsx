// The app's date picker: antd's DatePicker in the UI language (ConfigProvider locale + dayjs
// locale, set in App.tsx), whose "today" is the backend's calendar day (`system.info`'s today,
// pinned by CSM_TODAY) instead of the browser's: the panel opens on it, marks it, and the
// picker's Today button picks it. Every screen imports `DatePicker` from here, not from antd.
import { DatePicker as AntDatePicker } from 'antd';
import dayjsConfig from '@rc-component/picker/generate/dayjs';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useToday } from '../api/hooks';

let backendToday: string | undefined;

/** The backend's today as a dayjs at the current wall-clock time (the browser's "now" elsewhere). */
export function pickerNow(): Dayjs {
  const now = dayjs();
  if (!backendToday) return now;
  const [y, m, d] = backendToday.split('-').map(Number);
  return now
    .year(y)
    .month(m - 1)
    .date(d);
}

/** Sets the day the pickers treat as today (App calls it with `useToday()`). */
export function setPickerToday(today: string | undefined): void {
  backendToday = today;
}

/** Keeps the pickers' today on the backend's; mounted once by the shell. */
export function usePickerToday(): void {
  const today = useToday();
  // Set during render too, so a picker rendered in the same pass already opens on it.
  setPickerToday(today);
  useEffect(() => setPickerToday(today), [today]);
}

export const DatePicker = AntDatePicker.generatePicker<Dayjs>({
  ...dayjsConfig,
  getNow: pickerNow,
});
