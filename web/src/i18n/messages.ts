// All translations: the shared base file plus one file per console area (areas/<area>.<language>.json, each
// with a single top-level key named after its area). A new area is a new pair of files and a line here.
import alertsEn from './areas/alerts.en.json';
import alertsZh from './areas/alerts.zh-CN.json';
import assessmentEn from './areas/assessment.en.json';
import assessmentZh from './areas/assessment.zh-CN.json';
import operationsEn from './areas/operations.en.json';
import operationsZh from './areas/operations.zh-CN.json';
import privacyCentreEn from './areas/privacyCentre.en.json';
import privacyCentreZh from './areas/privacyCentre.zh-CN.json';
import reportsEn from './areas/reports.en.json';
import reportsZh from './areas/reports.zh-CN.json';
import workspaceEn from './areas/workspace.en.json';
import workspaceZh from './areas/workspace.zh-CN.json';
import baseEn from './en.json';
import baseZh from './zh-CN.json';

export const messagesEn = {
  ...baseEn,
  ...reportsEn,
  ...workspaceEn,
  ...alertsEn,
  ...assessmentEn,
  ...privacyCentreEn,
  ...operationsEn,
};

export const messagesZh = {
  ...baseZh,
  ...reportsZh,
  ...workspaceZh,
  ...alertsZh,
  ...assessmentZh,
  ...privacyCentreZh,
  ...operationsZh,
};
