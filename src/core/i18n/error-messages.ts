// The human text of every error code, in English and Simplified Chinese.
export const errorMessages = {
  unauthenticated: { en: 'Please log in.', zh: '请先登录。' },
  forbidden: { en: 'You do not have permission to do this.', zh: '您没有执行此操作的权限。' },
  not_found: { en: '{what} {id} was not found.', zh: '未找到{what} {id}。' },
  invalid_input: { en: 'Invalid input: {reason}', zh: '输入无效：{reason}' },
  conflict: { en: 'Conflict: {reason}', zh: '冲突：{reason}' },
  bad_credentials: { en: 'Wrong username or password.', zh: '用户名或密码错误。' },
  account_locked: {
    en: 'Too many failed logins. The account is locked until {until}.',
    zh: '登录失败次数过多，账户已锁定至 {until}。',
  },
  account_disabled: { en: 'This account is disabled.', zh: '此账户已停用。' },
  csrf_failed: {
    en: 'The request is missing a valid CSRF token. Reload the page and try again.',
    zh: '请求缺少有效的 CSRF 令牌，请刷新页面后重试。',
  },
  rate_limited: { en: 'Too many requests. Try again in {after}.', zh: '请求过于频繁，请在 {after} 后重试。' },
  weak_password: {
    en: 'The password must have at least 10 characters, with letters and digits.',
    zh: '密码至少 10 位，且须同时包含字母和数字。',
  },
  wrong_password: { en: 'The current password is wrong.', zh: '当前密码错误。' },
  setup_done: { en: 'Setup has already been completed.', zh: '系统已完成初始化。' },
  has_dependents: {
    en: 'This {what} is still used by {count} record(s) and cannot be deleted.',
    zh: '该{what}仍被 {count} 条记录使用，无法删除。',
  },
  import_has_errors: {
    en: 'The file has {count} row(s) with errors; nothing was written.',
    zh: '文件中有 {count} 行存在错误，未写入任何数据。',
  },
  unsupported_file: {
    en: 'Unsupported file type: {type}. Use CSV or XLSX.',
    zh: '不支持的文件类型：{type}。请使用 CSV 或 XLSX。',
  },
  payload_too_large: { en: 'The upload is too large.', zh: '上传内容过大。' },
  internal: { en: 'Something went wrong on the server.', zh: '服务器内部错误。' },
} as const satisfies Record<string, { en: string; zh: string }>;
