// The draft personal information protection impact assessment (个人信息保护影响评估, PIPL art. 55–56) built from
// the live configuration: purposes, data categories, storage and encryption, roles with access, retention, the
// number of people with face templates against the 100,000-person filing threshold, devices and sites. Pure: the
// facts come in, a document (headings, paragraphs, tables) comes out, rendered to Markdown here or to PDF by a
// service. It is a draft for the person responsible for personal information to review and sign.
import { PERMISSIONS, type Permission, permissionsOf, ROLES, type Role } from '../access/roles.js';
import type { RetentionSettings } from './retention.js';

/** Storing face information of this many people calls for a filing (备案) with the cyberspace administration. */
export const FILING_THRESHOLD = 100_000;

export interface AssessmentFacts {
  generatedAt: string;
  database: string;
  retention: RetentionSettings;
  people: { employees: number; active: number; withTemplates: number; templates: number; withPhotos: number };
  records: { punches: number; evidenceCrops: number; attempts: number; pins: number; consentScans: number };
  consent: { noticeVersion: string | null; current: number; needsRenewal: number; withdrawn: number };
  keys: { currentKeyId: string; keysInFile: number };
  backups: { count: number; lastAt: string | null };
  usersByRole: Record<Role, number>;
  sites: { name: string; timeZone: string; devices: number; online: number }[];
  devices: { active: number; pending: number };
  legalHolds: number;
  faceModel: string;
}

export type Block =
  | { kind: 'heading'; text: string; level: 1 | 2 }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; columns: string[]; rows: (string | number)[][] };

export type Language = 'zh-CN' | 'en';

/** The permissions that reach personal data, and what each opens, in both languages. */
const DATA_PERMISSIONS: Partial<Record<Permission, Record<Language, string>>> = {
  'faces.enroll': { 'zh-CN': '录入、删除人脸模板', en: 'enroll and delete face templates' },
  'faces.read': {
    'zh-CN': '人脸模板元数据（不含模板本身）',
    en: 'face template metadata (never the templates)',
  },
  'faces.identify': { 'zh-CN': '人脸识别测试工具', en: 'the identify test tool' },
  'consent.read': { 'zh-CN': '同意记录与纸质扫描件', en: 'consent records and scanned papers' },
  'employees.read': { 'zh-CN': '员工档案', en: 'employee records' },
  'punches.read': { 'zh-CN': '打卡记录（经理限本部门）', en: 'punches (managers: their departments)' },
  'attendance.read': {
    'zh-CN': '考勤结果（经理限本部门）',
    en: 'attendance results (managers: their departments)',
  },
  'audit.read': { 'zh-CN': '审计日志', en: 'the audit log' },
  'privacy.manage': {
    'zh-CN': '保存期限、清理、诉讼保留、数据导出',
    en: 'retention, purge, legal holds, data export',
  },
  'self.read': { 'zh-CN': '本人的记录', en: 'their own records' },
};

const T = {
  'zh-CN': {
    title: '个人信息保护影响评估（草稿）',
    intro: (at: string) =>
      `本评估由 FaceClock 于 ${at} 根据系统当前配置自动生成，供个人信息保护负责人审阅、补充并签署。` +
      '评估对象：以人脸识别进行考勤打卡的处理活动。',
    s1: '一、处理目的与必要性',
    purpose:
      '处理目的：确认打卡人的身份，防止代打卡、冒名打卡（制度第三条、第五条）。人脸信息不用于考勤以外的任何目的。' +
      '必要性：员工可随时撤回单独同意，改用工号加 PIN（附现场照片）或个人二维码打卡，不因拒绝或撤回受到不利对待。',
    s2: '二、处理的个人信息',
    dataCols: ['类别', '是否敏感', '数量', '说明'],
    data: (f: AssessmentFacts) => [
      [
        '人脸特征模板',
        '是（生物识别）',
        f.people.templates,
        `${f.people.withTemplates} 人；模型 ${f.faceModel}`,
      ],
      [
        '录入照片',
        '是',
        f.people.withPhotos,
        f.retention.keepEnrollmentPhotos ? '设置为保留（加密）' : '设置为不保留',
      ],
      ['打卡证据截图', '是', f.records.evidenceCrops, `保留 ${f.retention.evidenceDays} 天`],
      ['打卡记录', '否', f.records.punches, '时间、地点、设备、方式'],
      ['被拒打卡尝试', '否', f.records.attempts, '原因与分数'],
      ['打卡 PIN（哈希）', '否', f.records.pins, 'argon2id 哈希，不可还原'],
      ['同意书扫描件', '否', f.records.consentScans, '加密保存'],
    ],
    s3: '三、存储与加密',
    storage: (f: AssessmentFacts) =>
      `数据库：${f.database}，部署在公司自己的服务器上，不向第三方提供，不出境。人脸模板、照片、证据截图、同意书扫描件` +
      `和申请、申诉的附件以 AES-256-GCM 加密，每条密文与其所在记录绑定；当前密钥 ${f.keys.currentKeyId}（密钥文件中共 ` +
      `${f.keys.keysInFile} 把），密钥不进入数据库和备份，可在运行中轮换。备份加密保存，现有 ${f.backups.count} 份，` +
      `最近一次：${f.backups.lastAt ?? '无'}。审计日志为哈希链，只可追加。`,
    s4: '四、可访问的角色',
    roleCols: ['角色', '用户数', '可访问的个人信息'],
    roleNames: { admin: '系统管理员', hr: '人事', manager: '部门经理', auditor: '审计', employee: '员工' },
    s5: '五、保存期限',
    retentionCols: ['数据', '期限'],
    retention: (r: RetentionSettings, holds: number) => [
      ['打卡证据截图', `${r.evidenceDays} 天`],
      ['离职员工的人脸模板', `离职后 ${r.templateDaysAfterTermination} 天`],
      ['考勤记录', `${r.recordYears} 年`],
      ['录入照片', r.keepEnrollmentPhotos ? '与模板相同' : '不保留'],
      ['撤回同意后', '人脸模板与照片立即删除'],
      ['诉讼保留', `${holds} 名员工暂停清理`],
    ],
    s6: '六、处理规模与备案',
    scale: (f: AssessmentFacts) =>
      `员工 ${f.people.employees} 人（在职 ${f.people.active} 人），存有人脸模板的 ${f.people.withTemplates} 人。` +
      (f.people.withTemplates >= FILING_THRESHOLD
        ? `已达到 ${FILING_THRESHOLD.toLocaleString('en')} 人的备案门槛：须向所在地省级网信部门备案。`
        : `低于 ${FILING_THRESHOLD.toLocaleString('en')} 人的备案门槛（达到时须向所在地省级网信部门备案），` +
          `距门槛尚差 ${FILING_THRESHOLD - f.people.withTemplates} 人。`),
    s7: '七、告知与同意',
    consent: (f: AssessmentFacts) =>
      (f.consent.noticeVersion
        ? `当前告知书版本：${f.consent.noticeVersion}。`
        : '尚未发布告知书：发布前应完成告知书并取得同意。') +
      `有效同意 ${f.consent.current} 份，需按新版本续签 ${f.consent.needsRenewal} 份，已撤回 ${f.consent.withdrawn} 份。` +
      '人脸只能在有效的单独同意下录入。',
    s8: '八、设备与场所',
    siteCols: ['场所', '时区', '考勤机', '在线'],
    devices: (f: AssessmentFacts) => `已启用考勤机 ${f.devices.active} 台，待配对 ${f.devices.pending} 台。`,
    s9: '九、风险与保护措施',
    measures: [
      '误识：开放集判定（相似度阈值加与第二候选的差距），阈值在标注数据上校准；识别不确定时判为未知。',
      '假体攻击：被动活体与防伪分数，随机动作挑战，证据截图限期保存以便复核。',
      '越权访问：按角色授权，经理只见本部门；每次查看证据截图和同意书扫描件都记录审计日志。',
      '数据泄露：加密保存、密钥与数据分离、加密备份、密钥轮换；日志中不出现人脸数据。',
      '过度保存：每日按保存期限自动清理并生成清理报告。',
      '权利行使：员工可在自助页面查阅、导出、更正、删除个人信息和撤回同意。',
    ],
    s10: '十、评估结论（待填写）',
    conclusion: '评估人：__________　　日期：__________　　结论：__________',
  },
  en: {
    title: 'Personal information protection impact assessment (draft)',
    intro: (at: string) =>
      `Generated by FaceClock on ${at} from the live configuration, for the person responsible for personal ` +
      'information to review, complete and sign. Subject: attendance punching by face recognition.',
    s1: '1. Purpose and necessity',
    purpose:
      'Purpose: confirm who is punching, to prevent buddy punching (policy sections 3 and 5). Face information is ' +
      'never used for anything but attendance. Necessity: an employee may withdraw the separate consent at any ' +
      'time and punch with employee number and PIN (with a photo on the spot) or a personal QR code instead, with ' +
      'no disadvantage for refusing or withdrawing.',
    s2: '2. Personal information processed',
    dataCols: ['Category', 'Sensitive', 'Count', 'Notes'],
    data: (f: AssessmentFacts) => [
      [
        'Face templates',
        'yes (biometric)',
        f.people.templates,
        `${f.people.withTemplates} people; model ${f.faceModel}`,
      ],
      [
        'Enrollment photos',
        'yes',
        f.people.withPhotos,
        f.retention.keepEnrollmentPhotos ? 'kept (encrypted)' : 'not kept',
      ],
      ['Punch evidence crops', 'yes', f.records.evidenceCrops, `kept ${f.retention.evidenceDays} days`],
      ['Punches', 'no', f.records.punches, 'time, place, device, method'],
      ['Refused punch attempts', 'no', f.records.attempts, 'reason and scores'],
      ['Punch PINs (hashed)', 'no', f.records.pins, 'argon2id hashes, not reversible'],
      ['Scanned consent papers', 'no', f.records.consentScans, 'encrypted'],
    ],
    s3: '3. Storage and encryption',
    storage: (f: AssessmentFacts) =>
      `Database: ${f.database}, on the company's own server; not shared with third parties, not transferred ` +
      'abroad. Templates, photos, evidence crops, scanned consent papers and the files attached to requests and ' +
      'appeals are encrypted with AES-256-GCM, each ' +
      `value bound to its row; current key ${f.keys.currentKeyId} (${f.keys.keysInFile} in the key file); keys ` +
      `never enter the database or a backup and rotate while the system runs. Backups are encrypted: ` +
      `${f.backups.count} present, newest ${f.backups.lastAt ?? 'none'}. The audit log is an append-only hash chain.`,
    s4: '4. Roles with access',
    roleCols: ['Role', 'Users', 'Personal information they reach'],
    roleNames: {
      admin: 'Administrator',
      hr: 'HR',
      manager: 'Manager',
      auditor: 'Auditor',
      employee: 'Employee',
    },
    s5: '5. Retention',
    retentionCols: ['Data', 'Kept for'],
    retention: (r: RetentionSettings, holds: number) => [
      ['Punch evidence crops', `${r.evidenceDays} days`],
      ["Leavers' face templates", `${r.templateDaysAfterTermination} days after leaving`],
      ['Attendance records', `${r.recordYears} years`],
      ['Enrollment photos', r.keepEnrollmentPhotos ? 'as long as the template' : 'not kept'],
      ['After consent is withdrawn', 'templates and photos deleted at once'],
      ['Legal holds', `${holds} employees exempt from the purge`],
    ],
    s6: '6. Scale and filing',
    scale: (f: AssessmentFacts) =>
      `${f.people.employees} employees (${f.people.active} active), ${f.people.withTemplates} with face templates. ` +
      (f.people.withTemplates >= FILING_THRESHOLD
        ? `The ${FILING_THRESHOLD.toLocaleString('en')}-person filing threshold is reached: a filing with the ` +
          'provincial cyberspace administration is required.'
        : `Below the ${FILING_THRESHOLD.toLocaleString('en')}-person filing threshold (a filing with the ` +
          `provincial cyberspace administration is required when reached): ` +
          `${FILING_THRESHOLD - f.people.withTemplates} people short of it.`),
    s7: '7. Notice and consent',
    consent: (f: AssessmentFacts) =>
      (f.consent.noticeVersion
        ? `Current notice version: ${f.consent.noticeVersion}. `
        : 'No notice has been published yet: publish one and collect consents first. ') +
      `${f.consent.current} consents in force, ${f.consent.needsRenewal} to renew under the new version, ` +
      `${f.consent.withdrawn} withdrawn. A face can only be enrolled under an active separate consent.`,
    s8: '8. Devices and sites',
    siteCols: ['Site', 'Time zone', 'Kiosks', 'Online'],
    devices: (f: AssessmentFacts) =>
      `${f.devices.active} kiosks in use, ${f.devices.pending} waiting to be paired.`,
    s9: '9. Risks and safeguards',
    measures: [
      'Misidentification: open-set decisions (similarity threshold and a margin over the runner-up), calibrated ' +
        'on labelled data; an uncertain face is "unknown".',
      'Presentation attacks: passive liveness and anti-spoof scores, a random active challenge, evidence crops ' +
        'kept for a limited time for review.',
      'Access beyond need: role-based permissions, managers see their departments only; every look at an ' +
        'evidence crop or a consent scan is in the audit log.',
      'Leaks: encryption at rest, keys apart from data, encrypted backups, key rotation; no face data in logs.',
      'Keeping too long: a daily purge by the retention settings, with a report.',
      'Rights: employees see, export, correct and delete their data and withdraw consent in self-service.',
    ],
    s10: '10. Conclusion (to be completed)',
    conclusion: 'Assessed by: __________    Date: __________    Conclusion: __________',
  },
} as const;

/** The assessment as a list of blocks in one language. */
export function impactAssessment(f: AssessmentFacts, language: Language): Block[] {
  const t = T[language];
  const h = (text: string, level: 1 | 2 = 2): Block => ({ kind: 'heading', text, level });
  const p = (text: string): Block => ({ kind: 'paragraph', text });
  const roleRows = ROLES.map((role) => {
    const perms = permissionsOf([role]);
    const reach = PERMISSIONS.filter((perm) => perms.has(perm) && DATA_PERMISSIONS[perm])
      .map((perm) => DATA_PERMISSIONS[perm]![language])
      .join(language === 'zh-CN' ? '；' : '; ');
    return [t.roleNames[role], f.usersByRole[role] ?? 0, reach];
  });
  return [
    h(t.title, 1),
    p(t.intro(f.generatedAt)),
    h(t.s1),
    p(t.purpose),
    h(t.s2),
    { kind: 'table', columns: [...t.dataCols], rows: t.data(f).map((r) => [...r]) },
    h(t.s3),
    p(t.storage(f)),
    h(t.s4),
    { kind: 'table', columns: [...t.roleCols], rows: roleRows },
    h(t.s5),
    {
      kind: 'table',
      columns: [...t.retentionCols],
      rows: t.retention(f.retention, f.legalHolds).map((r) => [...r]),
    },
    h(t.s6),
    p(t.scale(f)),
    h(t.s7),
    p(t.consent(f)),
    h(t.s8),
    p(t.devices(f)),
    {
      kind: 'table',
      columns: [...t.siteCols],
      rows: f.sites.map((s) => [s.name, s.timeZone, s.devices, s.online]),
    },
    h(t.s9),
    ...t.measures.map((m) => p(`- ${m}`)),
    h(t.s10),
    p(t.conclusion),
  ];
}

const cell = (v: string | number) => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function toMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading') out.push(`${'#'.repeat(b.level)} ${b.text}`, '');
    else if (b.kind === 'paragraph') out.push(b.text, '');
    else {
      out.push(`| ${b.columns.map(cell).join(' | ')} |`, `|${b.columns.map(() => ' --- |').join('')}`);
      for (const row of b.rows) out.push(`| ${row.map(cell).join(' | ')} |`);
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
