// Bilingual building blocks for demo accounts, people and records.
export const CITIES = [
  ['北京', 'Beijing'],
  ['上海', 'Shanghai'],
  ['深圳', 'Shenzhen'],
  ['杭州', 'Hangzhou'],
  ['成都', 'Chengdu'],
  ['广州', 'Guangzhou'],
  ['南京', 'Nanjing'],
  ['武汉', 'Wuhan'],
  ['苏州', 'Suzhou'],
  ['西安', "Xi'an"],
] as const;

export const REGIONS: Record<string, string> = {
  北京: '华北',
  上海: '华东',
  深圳: '华南',
  杭州: '华东',
  成都: '西南',
  广州: '华南',
  南京: '华东',
  武汉: '华中',
  苏州: '华东',
  西安: '西北',
};

export const BRANDS = [
  ['星河', 'Galaxy'],
  ['远航', 'Voyager'],
  ['云帆', 'Cloudsail'],
  ['海纳', 'Haina'],
  ['金桥', 'Goldbridge'],
  ['瑞丰', 'Ruifeng'],
  ['华信', 'Huaxin'],
  ['智联', 'Smartlink'],
  ['天成', 'Tiancheng'],
  ['博远', 'Boyuan'],
  ['青禾', 'Qinghe'],
  ['恒通', 'Hengtong'],
] as const;

export const INDUSTRIES = [
  ['制造', 'Manufacturing', '制造有限公司', 'Manufacturing Co., Ltd.'],
  ['零售', 'Retail', '商贸有限公司', 'Trading Co., Ltd.'],
  ['金融', 'Finance', '金融服务有限公司', 'Financial Services Co., Ltd.'],
  ['医疗', 'Healthcare', '医疗科技有限公司', 'Medical Technology Co., Ltd.'],
  ['物流', 'Logistics', '物流有限公司', 'Logistics Co., Ltd.'],
  ['教育', 'Education', '教育科技有限公司', 'Education Technology Co., Ltd.'],
  ['软件', 'Software', '软件有限公司', 'Software Co., Ltd.'],
] as const;

export const ENGLISH_COMPANIES = [
  'Northwind Traders',
  'Contoso Pharmaceuticals',
  'Fabrikam Logistics',
  'Tailspin Toys',
  'Wide World Importers',
  'Adventure Works Cycles',
  'Litware Software',
  'Proseware Health',
] as const;

export const CSMS = [
  'zhang.wei',
  'li.na',
  'wang.fang',
  'chen.jing',
  'liu.yang',
  'zhao.min',
  'emma.wu',
  'david.chen',
] as const;
export const CONSULTANTS = ['sun.hao', 'zhou.lei', 'olivia.lin', 'huang.tao'] as const;
export const SALES = ['ma.chao', 'hu.bin', 'grace.he'] as const;

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
] as const;
export const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
] as const;
export const ENGLISH_PEOPLE = [
  'Alice Zhang',
  'Brian Li',
  'Cathy Wang',
  'Derek Liu',
  'Evelyn Chen',
  'Frank Zhou',
] as const;

export const POSITIONS = [
  ['总经理', 'decisionMaker'],
  ['信息中心主任', 'initiator'],
  ['IT 经理', 'it'],
  ['销售总监', 'champion'],
  ['项目经理', 'customerPm'],
  ['业务骨干', 'keyUser'],
  ['财务总监', 'selector'],
  ['运营经理', 'opponent'],
] as const;

export const PRODUCTS = [
  ['CRM 专业版', 'Professional'],
  ['CRM 企业版', 'Enterprise'],
  ['服务云', 'Service Cloud'],
  ['营销自动化', 'Marketing'],
] as const;

/** English names of the demo products (documents in English use them). */
export const PRODUCT_EN: Record<string, string> = {
  'CRM 专业版': 'CRM Professional',
  'CRM 企业版': 'CRM Enterprise',
  服务云: 'Service Cloud',
  营销自动化: 'Marketing Automation',
};

/** English names of the demo modules. */
export const MODULE_EN: Record<string, string> = {
  客户管理: 'Customer management',
  商机管理: 'Opportunity management',
  合同管理: 'Contract management',
  报表分析: 'Reports and analytics',
  移动办公: 'Mobile office',
  审批流: 'Approval workflow',
};

export const MODULES = [
  '客户管理',
  '商机管理',
  '合同管理',
  '报表分析',
  '移动办公',
  '审批流',
] as const;

export const ISSUE_TITLES = [
  '报表导出时间过长',
  '续约前需要确认报表功能是否满足',
  '移动端登录偶尔失败',
  '验收文档需要补充签字页',
  '审批流配置不生效',
  '数据导入时部分字段丢失',
  '希望增加商机阶段自定义',
  'Data import fails for files over 10 MB',
  'Renewal quote needs the new price list',
  'SSO login loops back to the sign-in page',
  'Dashboard loads slowly in the morning',
  '培训后用户仍不会使用审批功能',
] as const;

export const VISIT_PURPOSES = [
  '季度业务回顾',
  '项目验收沟通',
  '续约沟通',
  '新功能培训',
  '需求调研',
  'Quarterly business review',
  'Renewal planning meeting',
] as const;

export const MINUTES = [
  '客户对报表功能基本满意，希望下季度上线移动审批。双方同意在月底前完成续约报价。',
  '验收前还有两项交付物待确认，客户项目经理将在下周组织内部评审。',
  '销售总监反馈团队使用率提升明显，但新员工培训不足，需要安排一次集中培训。',
  'The customer confirmed the dashboard fixes; renewal decision expected next month.',
  '客户提出数据导入的问题，我方承诺两周内给出解决方案，并跟进续约事宜。',
] as const;

export const ACTION_TITLES = [
  '发送续约报价',
  '安排集中培训',
  '提交验收报告初稿',
  '跟进数据导入问题',
  'Send the renewal proposal',
  '整理需求清单',
] as const;
