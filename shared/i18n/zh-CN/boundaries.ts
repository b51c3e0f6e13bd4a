// What the boundaries refuse (browser mode, IPC, worker messages) and sync's retries.
export const boundaries = {
  'error.input.tooLarge': '请求过大（上限 {limit}）',
  'error.input.tooDeep': '请求嵌套过深（上限 {limit} 层）',
  'error.input.notJson': '请求内容不是有效的 JSON：{reason}',
  'error.reply.tooLarge': '返回的结果过大（上限 {limit}），请缩小查询范围',
  'error.reply.tooDeep': '返回的结果嵌套过深（上限 {limit} 层）',
  'error.reply.notJson': '返回的结果不是有效的 JSON：{reason}',
  'error.http.foreignHost': '拒绝访问：只接受发往本机地址 {allowed} 的请求',
  'error.http.crossOrigin': '拒绝跨站请求：来源 {origin} 不是本页面',
  'error.http.wrongToken': '访问令牌缺失或错误：请打开启动时显示的地址',
  'error.http.usePost': '请使用 POST /api/:method 调用接口',
  'error.messageUndeliverable': '消息无法送达后台：{reason}',
  'sync.error.gaveUp':
    '同步失败：已尝试 {attempts} 次（{seconds} 秒），团队服务器仍不可用：{reason}',
} as const;
