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
  consent_required: {
    en: 'Employee {employeeNo} has no active biometric consent. Record the consent before enrolling a face.',
    zh: '员工 {employeeNo} 尚无有效的人脸信息单独同意，请先登记同意再录入人脸。',
  },
  consent_exists: {
    en: 'Employee {employeeNo} already has an active biometric consent.',
    zh: '员工 {employeeNo} 已有有效的人脸信息同意记录。',
  },
  consent_not_active: {
    en: 'Employee {employeeNo} has no active biometric consent to withdraw.',
    zh: '员工 {employeeNo} 没有可撤回的有效人脸信息同意。',
  },
  notice_not_current: {
    en: 'Notice version {version} is not the current published notice; reload and read the current one.',
    zh: '告知书版本 {version} 不是当前发布的版本，请刷新后阅读当前告知书。',
  },
  notice_published: {
    en: 'Notice version {version} is published and can no longer be changed; create a new version.',
    zh: '告知书版本 {version} 已发布，不能再修改，请新建版本。',
  },
  notice_version_exists: {
    en: 'A notice with version {version} already exists.',
    zh: '告知书版本 {version} 已存在。',
  },
  maintenance_active: {
    en: 'Maintenance mode is already on (entry {id}).',
    zh: '维护模式已开启（记录 {id}）。',
  },
  maintenance_not_active: { en: 'Maintenance mode is not on.', zh: '维护模式未开启。' },
  employee_terminated: {
    en: 'Employee {employeeNo} has left the company; faces cannot be enrolled.',
    zh: '员工 {employeeNo} 已离职，不能录入人脸。',
  },
  no_face: { en: 'No face was found in the photo.', zh: '照片中未检测到人脸。' },
  multiple_faces: {
    en: 'More than one face is in the photo; only the person being enrolled may be in it.',
    zh: '照片中有多张人脸，只能包含被录入者本人。',
  },
  face_too_small: {
    en: 'The face is too small; come closer to the camera or use a larger photo.',
    zh: '人脸太小，请靠近摄像头或使用更大的照片。',
  },
  too_blurred: {
    en: 'The photo is too blurred; hold still and focus.',
    zh: '照片太模糊，请保持不动并对焦。',
  },
  too_dark: { en: 'The face is too dark; add light.', zh: '人脸太暗，请增加光线。' },
  too_bright: { en: 'The face is too bright; avoid direct light.', zh: '人脸过亮，请避免强光直射。' },
  pose_too_far: {
    en: 'The head is turned or tilted too far; look straight at the camera.',
    zh: '头部转动或倾斜过大，请正对摄像头。',
  },
  eyes_closed: { en: 'The eyes are closed; keep them open.', zh: '检测到闭眼，请睁开眼睛。' },
  suspected_spoof: {
    en: 'This looks like a photo or a screen, not a live face.',
    zh: '疑似照片或屏幕翻拍，而非真人。',
  },
  image_empty: { en: 'The image is empty.', zh: '图片为空。' },
  image_too_large: {
    en: 'The image file is too large (at most {maxMb} MB).',
    zh: '图片文件过大（最大 {maxMb} MB）。',
  },
  image_too_many_pixels: {
    en: 'The image has too many pixels (at most {maxMegapixels} megapixels).',
    zh: '图片像素过多（最多 {maxMegapixels} 百万像素）。',
  },
  image_too_small: { en: 'The image is too small to hold a face.', zh: '图片太小，无法包含人脸。' },
  image_unsupported_format: {
    en: 'Unsupported image format; use JPEG, PNG or WebP.',
    zh: '不支持的图片格式，请使用 JPEG、PNG 或 WebP。',
  },
  image_unreadable: { en: 'The file is not a readable image.', zh: '文件不是可读取的图片。' },
  duplicate_identity: {
    en: 'This face already matches another employee: {name} ({employeeNo}).',
    zh: '该人脸与其他员工重复：{name}（{employeeNo}）。',
  },
  duplicate_identity_hidden: {
    en: 'This face already matches another employee.',
    zh: '该人脸与其他员工重复。',
  },
  unknown_employee_no: {
    en: 'No employee has the number {employeeNo}.',
    zh: '没有工号为 {employeeNo} 的员工。',
  },
  not_an_image_file: {
    en: 'Skipped: {file} is not a JPEG, PNG or WebP file.',
    zh: '已跳过：{file} 不是 JPEG、PNG 或 WebP 文件。',
  },
  not_a_zip: { en: 'The upload is not a readable ZIP file.', zh: '上传的文件不是可读取的 ZIP 压缩包。' },
  zip_too_many_files: {
    en: 'The ZIP file holds {count} photos; at most {max} are accepted at once.',
    zh: 'ZIP 文件包含 {count} 张照片，一次最多 {max} 张。',
  },
  face_templates_stale: {
    en: '{count} face template(s) were made by another face model and must be enrolled again.',
    zh: '{count} 个人脸模板由其他人脸模型生成，需要重新录入。',
  },
  unknown_no_templates: { en: 'Unknown: no face is enrolled yet.', zh: '未识别：尚未录入任何人脸。' },
  unknown_below_threshold: {
    en: 'Unknown: no enrolled employee is similar enough.',
    zh: '未识别：没有足够相似的已录入员工。',
  },
  unknown_ambiguous: {
    en: 'Unknown: two employees are too close to tell apart.',
    zh: '未识别：两名员工过于相似，无法区分。',
  },
  month_closed: {
    en: 'The month {month} is closed; HR must reopen it before its attendance can change.',
    zh: '{month} 已月结，需由人事重新打开后才能修改考勤。',
  },
  insufficient_balance: {
    en: 'Not enough {leaveType} balance: {requested} {unit} requested, {available} {unit} available.',
    zh: '{leaveType} 余额不足：申请 {requested} {unit}，可用 {available} {unit}。',
  },
  correction_quota_exceeded: {
    en: 'The punch-correction quota of {quota} per month is used up for {month}.',
    zh: '{month} 的补卡次数已用完（每月 {quota} 次）。',
  },
  correction_deadline_passed: {
    en: 'A punch correction for {date} had to be requested within {days} day(s).',
    zh: '{date} 的补卡须在 {days} 天内申请，已超过期限。',
  },
  request_not_pending: {
    en: 'Request {id} is {status}; only a pending request can be decided.',
    zh: '申请 {id} 的状态为 {status}，只有待审批的申请可以审批。',
  },
  not_your_step: {
    en: 'Request {id} waits for the {step} step, which you cannot decide.',
    zh: '申请 {id} 正在等待「{step}」审批，您无权审批此步骤。',
  },
  attachment_too_large: {
    en: 'The attachment is too large (at most {maxMb} MB).',
    zh: '附件过大（最大 {maxMb} MB）。',
  },
  calendar_file_invalid: {
    en: 'The calendar file cannot be read: {reason}',
    zh: '无法读取日历文件：{reason}',
  },
  in_use: {
    en: 'This {what} is used by {by} and cannot be changed this way.',
    zh: '该{what}正被{by}使用，不能这样修改。',
  },
  payload_too_large: { en: 'The upload is too large.', zh: '上传内容过大。' },
  internal: { en: 'Something went wrong on the server.', zh: '服务器内部错误。' },
  device_unauthenticated: {
    en: 'This kiosk is not paired, or its pairing was removed. Pair it again from the console.',
    zh: '此考勤机未配对或配对已失效，请在管理后台重新配对。',
  },
  device_revoked: {
    en: 'This kiosk has been revoked and can no longer record punches.',
    zh: '此考勤机已被停用，不能再记录打卡。',
  },
  pairing_code_invalid: {
    en: 'The pairing code is wrong or has expired. Ask for a new one in the console.',
    zh: '配对码错误或已过期，请在管理后台重新生成。',
  },
  already_recorded: { en: 'Already recorded at {time}.', zh: '已于 {time} 打卡。' },
  face_not_recognised: { en: 'Not recognised.', zh: '未能识别。' },
  challenge_required: {
    en: 'Please follow the on-screen action to prove this is a live face.',
    zh: '请按屏幕提示完成动作，以确认是真人。',
  },
  pin_wrong: { en: 'Wrong employee number or PIN.', zh: '工号或 PIN 码错误。' },
  qr_invalid: { en: 'This QR code is not a valid punch code.', zh: '该二维码不是有效的打卡码。' },
  qr_expired: {
    en: 'This QR code has expired; refresh it on your phone.',
    zh: '该二维码已过期，请在手机上刷新。',
  },
  face_not_rolled_out: {
    en: 'Face punching has not started for the department of employee {employeeNo}. Use the PIN or QR code.',
    zh: '员工 {employeeNo} 所在部门尚未启用刷脸考勤，请使用 PIN 码或二维码打卡。',
  },
  employee_inactive: {
    en: 'Employee {employeeNo} is not active and cannot punch.',
    zh: '员工 {employeeNo} 不在职，无法打卡。',
  },
  no_linked_employee: {
    en: 'Your account is not linked to an employee record.',
    zh: '您的账户未关联员工档案。',
  },
  evidence_photo_required: {
    en: 'A photo is needed as evidence for a PIN or QR punch.',
    zh: 'PIN 码或二维码打卡需要拍摄照片作为凭证。',
  },
  legal_hold_exists: {
    en: 'Employee {employeeNo} is already under a legal hold.',
    zh: '员工 {employeeNo} 已处于法律保全（暂停清理）状态。',
  },
  legal_hold_active: {
    en: 'Employee {employeeNo} is under a legal hold; their data cannot be deleted until it is released.',
    zh: '员工 {employeeNo} 处于法律保全状态，解除前不能删除其数据。',
  },
  employee_has_records: {
    en: 'Employee {employeeNo} has attendance records and cannot be deleted. Terminate the employee instead (status Terminated with a termination date): their face data, and their attendance records once the retention period has passed, are then erased under the retention rules.',
    zh: '员工 {employeeNo} 已有考勤记录，不能删除。请改为办理离职（状态设为“离职”并填写离职日期）：其人脸数据以及保存期满的考勤记录将按保存期限规则自动清除。',
  },
  request_decided: {
    en: 'This request was already decided.',
    zh: '该申请已处理。',
  },
  month_not_reviewed: {
    en: 'The data of {month} has not been reviewed yet. Check it on the data review page and mark it reviewed before closing the month.',
    zh: '{month} 的考勤数据尚未核对。请先在数据核对页面检查并标记为已核对，再进行月结。',
  },
  pdf_font_missing: {
    en: "PDF export needs a Chinese (CJK) font, and none is installed. Install Debian's fonts-noto-cjk package (apt-get install fonts-noto-cjk) and try again.",
    zh: 'PDF 导出需要中文（CJK）字体，但系统未安装。请安装 Debian 的 fonts-noto-cjk 软件包（apt-get install fonts-noto-cjk）后重试。',
  },
} as const satisfies Record<string, { en: string; zh: string }>;
