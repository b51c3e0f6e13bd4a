// The requirements library's server rules, command line, Excel export and document sections (issue 16, ops).
export const requirementsOps = {
  'directory.role.product': '产品经理',
} as const;
