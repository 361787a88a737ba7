import { App, type FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** 'body.leaders.0.mobile' → ['leaders', 0, 'mobile']: the API's field paths as antd Form names. */
export function fieldName(path: string): (string | number)[] {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'querystring') parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

type Options = {
  /** Field errors land on this form's fields. */
  form?: FormInstance;
  /** On 409 'conflict' (someone saved first) the user may reload the current version. */
  onReload?: () => void;
};

/** Shows an API error the way people can act on it: Chinese message, field errors on the form, reload on conflict. */
export function useReportError() {
  const { message, modal, notification } = App.useApp();
  return (error: unknown, options: Options = {}) => {
    if (!(error instanceof ApiError)) {
      message.error(error instanceof Error ? error.message : '操作失败');
      return;
    }
    if (error.status === 401) return; // the app is already on its way to /login
    if (options.form && error.fields.length > 0) {
      options.form.setFields(error.fields.map((f) => ({ name: fieldName(f.path), errors: [f.message] })));
    }
    if (error.status === 409 && error.code === 'conflict' && options.onReload) {
      const onReload = options.onReload;
      modal.confirm({
        title: '保存冲突',
        content: `${error.message.replace(/[。.]$/, "")}。重新加载后，您的修改需要重新填写。`,
        okText: '重新加载',
        cancelText: '取消',
        onOk: () => onReload(),
      });
      return;
    }
    if (error.status >= 500 || error.status === 0) {
      notification.error({
        title: error.status === 0 ? '网络错误' : '服务器错误',
        description: error.requestId ? `${error.message}（请求编号 ${error.requestId}）` : error.message,
      });
      return;
    }
    message.error(error.message);
  };
}
