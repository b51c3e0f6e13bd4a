// The demo team: a team member record, with Chinese and English names, for every login the demo
// data names (owner CSMs, consultants, sales owners).
import { DAY_MS, dayNumber } from '../../shared/time/days';
import { SCHEMA_VERSION } from '../../shared/domain/common';
import type { EntityDoc } from '../../shared/domain/entities';
import { teamMemberId } from '../../shared/domain/entities/teamMember';
import { TEAM_ACCOUNT_ID } from '../../shared/domain/ids';
import type { DemoOptions } from './generate';

type Role = EntityDoc<'teamMember'>['role'];

/** login -> Chinese name, English name, title, role. */
export const DEMO_PEOPLE: Record<string, [string, string, string, Role]> = {
  'zhang.wei': ['张伟', 'Zhang Wei', '高级客户成功经理', 'csm'],
  'li.na': ['李娜', 'Li Na', '客户成功经理', 'csm'],
  'wang.fang': ['王芳', 'Wang Fang', '客户成功经理', 'csm'],
  'chen.jing': ['陈静', 'Chen Jing', '客户成功经理', 'csm'],
  'liu.yang': ['刘洋', 'Liu Yang', '客户成功经理', 'csm'],
  'zhao.min': ['赵敏', 'Zhao Min', '客户成功经理', 'csm'],
  'emma.wu': ['吴艾玛', 'Emma Wu', 'Customer Success Manager', 'csm'],
  'david.chen': ['陈大卫', 'David Chen', 'Customer Success Manager', 'csm'],
  'sun.hao': ['孙浩', 'Sun Hao', '实施顾问', 'consultant'],
  'zhou.lei': ['周磊', 'Zhou Lei', '高级实施顾问', 'consultant'],
  'olivia.lin': ['林欧文', 'Olivia Lin', 'Implementation Consultant', 'consultant'],
  'huang.tao': ['黄涛', 'Huang Tao', '实施顾问', 'consultant'],
  'ma.chao': ['马超', 'Ma Chao', '销售总监', 'sales'],
  'hu.bin': ['胡斌', 'Hu Bin', '大客户销售', 'sales'],
  'grace.he': ['何嘉怡', 'Grace He', 'Account Executive', 'sales'],
  // The product team's member: decides the requirements library's status and solutions.
  'qian.lin': ['钱琳', 'Qian Lin', '产品经理', 'product'],
};

export function demoTeamMembers(opts: DemoOptions): EntityDoc<'teamMember'>[] {
  // Midnight UTC of the demo's today, as the generator's own timestamps.
  const at = new Date(dayNumber(opts.today) * DAY_MS).toISOString();
  return Object.entries(DEMO_PEOPLE).map(([login, [nameZh, nameEn, title, role]]) => ({
    _id: teamMemberId(login),
    type: 'teamMember',
    accountId: TEAM_ACCOUNT_ID,
    schemaVersion: SCHEMA_VERSION,
    createdAt: at,
    createdBy: opts.user,
    updatedAt: at,
    updatedBy: opts.user,
    login,
    nameZh,
    nameEn,
    title,
    email: `${login}@example.com`,
    role,
    active: true,
  }));
}
