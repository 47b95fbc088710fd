import { useEffect, useRef, useState } from 'react';
import { App, Form, type FormInstance } from 'antd';
import { refusalMessage, saveShortcutHandler, useDiscardGuard } from './form-support';

export interface PersonRecordFormOptions<Values, Item> {
  /** The record to edit, null to add one; undefined keeps the dialog closed. */
  record: Item | null | undefined;
  /** The form's starting values for a record being edited. */
  valuesOf(record: Item): Values;
  /** The form's fields (where a refused save's per-field messages go). */
  formFields: readonly string[];
  /** Saves the validated values (the store's action); a refusal is shown in the dialog. */
  save(values: Values): Promise<void>;
  /** The toast after a save (已保存家属「张小明」). */
  savedMessage(values: Values, record: Item | null): string;
  onClose(): void;
}

/** What a person-record dialog renders with. */
export interface PersonRecordForm<Values> {
  form: FormInstance<Values>;
  /** The refusal of the last save, for the dialog's alert. */
  error: string | null;
  /** Enter and Ctrl+S save (`saveShortcutHandler`): the `onKeyDown` of the dialog's `Form`. */
  onKeyDown: ReturnType<typeof saveShortcutHandler>;
  /** Props of the antd `Modal`: open, 保存 (validate and save), close with the discard guard. */
  modalProps: {
    open: boolean;
    onOk(): void;
    onCancel(): void;
    okText: string;
    confirmLoading: boolean;
    destroyOnHidden: true;
  };
}

/**
 * The one form-dialog hook of person records (家属, 表彰, and later 体检, 慰问 …): fills the form
 * when the dialog opens (empty to add, the record's values to edit), guards a close that would
 * lose changes (「放弃未保存的修改？」), validates, saves through the store, toasts, closes, and
 * places a refused save's messages next to their fields (or in the dialog's alert).
 */
export function usePersonRecordForm<Values extends object, Item>(options: PersonRecordFormOptions<Values, Item>): PersonRecordForm<Values> {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** A save under way (Enter twice must not add the record twice). */
  const savingNow = useRef(false);
  const latest = useRef(options);
  latest.current = options;
  const { record } = options;
  const open = record !== undefined;
  const { markPristine, requestClose } = useDiscardGuard(form, open);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (record) form.setFieldsValue(latest.current.valuesOf(record) as Parameters<typeof form.setFieldsValue>[0]);
    markPristine();
  }, [open, record, form, markPristine]);

  async function submit() {
    if (savingNow.current) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { save, savedMessage, onClose, formFields } = latest.current;
    setSaving(true);
    savingNow.current = true;
    setError(null);
    try {
      await save(values);
      message.success(savedMessage(values, record ?? null));
      onClose();
    } catch (e) {
      setError(refusalMessage(form, e, formFields));
    } finally {
      setSaving(false);
      savingNow.current = false;
    }
  }

  return {
    form,
    error,
    onKeyDown: saveShortcutHandler(() => void submit()),
    modalProps: {
      open,
      onOk: () => void submit(),
      onCancel: () => requestClose(latest.current.onClose),
      okText: '保存',
      confirmLoading: saving,
      destroyOnHidden: true,
    },
  };
}
