import { DatePicker, type DatePickerProps } from 'antd';
import dayjs from 'dayjs';
import { parseDateText } from '../../shared/date-text';

/** The display and storage format of every date in the ledger. */
export const DATE_FORMAT = 'YYYY-MM-DD';

/**
 * A DatePicker that takes a date typed the ways the Excel import reads one (`shared/date-text.ts`:
 * 2012.7, 2012.7.15, 20120701, 2012年7月1日 …), committed when the clerk leaves the field or presses
 * Enter, and shown as 2012-07-01. While typing only the display format is parsed: a partial date
 * (2012.7 on the way to 2012.7.15) is never taken early and rewritten under the clerk's fingers.
 * Text that is no date at all is dropped on leaving, as antd does; a field emptied by keyboard is
 * emptied (not silently kept at its old date).
 */
export function TypedDatePicker(props: DatePickerProps) {
  const { onChange, onBlur, onKeyDown, value } = props;
  const commitTyped = (input: EventTarget) => {
    if (!(input instanceof HTMLInputElement)) return;
    const iso = parseDateText(input.value);
    const current = dayjs.isDayjs(value) ? value.format(DATE_FORMAT) : null;
    if (iso && iso !== current) onChange?.(dayjs(iso, DATE_FORMAT), iso);
    // Text deleted by keyboard empties the field: antd would keep the old date behind an empty box.
    else if (input.value.trim() === '' && current !== null) onChange?.(null as never, '');
  };
  return (
    <DatePicker
      format={DATE_FORMAT}
      {...props}
      onBlur={(event, info) => {
        commitTyped(event.target);
        onBlur?.(event, info);
      }}
      onKeyDown={(event, preventDefault) => {
        if (event.key === 'Enter') commitTyped(event.target);
        onKeyDown?.(event, preventDefault);
      }}
    />
  );
}
