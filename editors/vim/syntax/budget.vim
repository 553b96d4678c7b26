" Vim syntax file
" Language:    budgetc 部门预算 (*.bud)
" Maintainer:  budgetc (editors/vim in the budgetc repository)
"
" The language is line-oriented: the first field of a line decides what the line is
" (Sources/BudgetCore/Syntax/LineParser.swift, Semantic/Resolver.swift).  Fields are separated by
" spaces, tabs, ideographic spaces (U+3000) or no-break spaces; "…" “…” 「…」 『…』 are strings;
" # or ＃ starts a comment; the first = or ＝ starts a formula.  The groups mirror the scopes of
" editors/vscode/syntaxes/budget.tmLanguage.json.

if exists('b:current_syntax')
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syn case match

" Building blocks (patterns are assembled with :execute so the lists stay readable).
let s:ws = '[ \t　\u00a0]'                               " field separator
let s:end = '\%([ \t　\u00a0#＃=＝"“「『]\|$\)\@='         " end of an unquoted field
let s:start = '\%(^\|[ \t　\u00a0:：]\)\@<='                " start of an unquoted field (also after `年度：`)
let s:kend = '\%([:：]\|[ \t　\u00a0#＃=＝"“「『]\|$\)\@='    " end of a keyword: end of field, or a colon
let s:sep = '\%([:：][ \t　\u00a0]*\|[ \t　\u00a0]\+\)'       " keyword–value separator (`年度 2025`, `年度：2025`)
let s:d = '[0-9０-９]'
let s:num = '[-－−]\=\%(' . s:d . '\{1,3}\%([,，]' . s:d . '\{3}\)\+\%([.．]' . s:d . '\+\)\=\|'
      \ . s:d . '\+\%([.．]' . s:d . '\+\)\=\|[.．]' . s:d . '\+\)'

function! s:Alt(words) abort
  return '\%(' . join(sort(copy(a:words), {a, b -> strchars(b) - strchars(a)}), '\|') . '\)'
endfunction

let s:top = s:Alt(['对附属单位补助支出', '事业单位经营支出', 'include', '对附属单位补助', '年初结转和结余', '年末结转和结余', '上缴上级支出', '公开金额单位',
      \ '年初结转结余', '年末结转结余', '机关运行经费', '负责人审签', '未公开', '公开稿', '上年决算', '上年预算', '保密审查', '公开单位', '分类目录', '变动阈值', '基本支出', '实有人数',
      \ '政府采购', '经营支出', '结转项目', '部门概况', '部门绩效', '金额单位', '会议费', '培训费', '三公', '允许', '决算', '包含', '单位', '审签', '年度',
      \ '报表', '支出', '收入', '目录', '空表', '说明', '资产', '部门', '项目', '设'])
let s:header = s:Alt(['部门', '单位', '收入', '基本支出', '项目', '结转项目', '上缴上级支出', '经营支出',
      \ '事业单位经营支出', '对附属单位补助支出', '对附属单位补助', '三公'])
let s:child = s:Alt(['编制', '实有', '退休', '离休', '离退休', '计入运行经费', '人员经费', '公用经费', '简介', '类别', '项目类别', '资金性质', '来源',
      \ '资金来源', '原因', '绩效', '总体目标', '会议', '培训', '任务', '因公出国', '公务接待', '公务用车', '合计', '未细分', '未列明'])
let s:purchase_keys = s:Alt(['规格', '规格型号', '数量', '单价', '金额', '服务', '购买服务内容', '时间', '实施时间',
      \ '项目', '采购项目', '方式', '组织形式'])
let s:sangong_labels = s:Alt(['团组', '人次', '批次', '保有', '购置'])
let s:indicator_keys = s:Alt(['权重', '方向'])
let s:reason_basis = s:Alt(['较预算', '预算', '完成预算', '较年初预算'])
let s:tasks = s:Alt(['人员经费', '公用经费', '专项业务费', '专项业务经费'])
let s:source_names = ['一般公共预算拨款', '政府性基金拨款', '国有资本经营预算', '财政专户管理资金', '上级补助收入',
      \ '事业收入', '事业单位经营收入', '附属单位上缴收入', '其他收入', '上年结转', '一般公共预算拨款结转', '政府性基金拨款结转',
      \ '国有资本经营预算结转', '非财政拨款结余']
let s:sources = s:Alt(s:source_names + ['一般公共预算', '一般公共预算拨款收入', '一般公共预算财政拨款', '政府性基金',
      \ '政府性基金预算拨款', '政府性基金预算', '国有资本经营预算收入', '国有资本经营预算拨款', '国有资本经营',
      \ '财政专户', '纳入财政专户管理的收费', '上级补助', '经营收入', '附属单位上缴', '上年结转收入', '财政拨款结转',
      \ '上年财政拨款结转', '非财政拨款资金结余', '一般公共预算结转', '上年结转一般公共预算', '上年结转一般公共预算拨款',
      \ '政府性基金结转', '政府性基金预算结转', '上年结转政府性基金', '上年结转政府性基金拨款', '上年结转政府性基金预算拨款',
      \ '国有资本经营预算拨款结转', '上年结转国有资本经营预算'])
let s:builtins = s:Alt(['支出合计', '基本支出合计', '人员经费合计', '公用经费合计', '项目支出合计', '结转支出合计',
      \ '收入合计'] + map(copy(s:source_names), 'v:val . "支出"'))
let s:levels = '\%(产出\%(指标\)\=[/／]\%(数量\|质量\|时效\|成本\)\%(指标\)\='
      \ . '\|效益\%(指标\)\=[/／]\%(\%(经济\|社会\|生态\)\%(效益\)\=\|可持续影响\)\%(指标\)\='
      \ . '\|满意度\%(指标\)\=[/／]\%(服务对象满意度\|满意度\)\%(指标\)\='
      \ . '\|成本\%(指标\)\=[/／]\%(经济成本\|社会成本\|生态环境成本\)\%(指标\)\=\)'

" --- Items that may appear anywhere on a line -------------------------------------------------
syn keyword budgetTodo contained TODO FIXME XXX
syn match budgetTodo contained '待核实\|待补充\|待确认'
syn match budgetComment '[#＃].*$' contains=budgetTodo

execute 'syn match budgetNumber ~' . s:start . s:num . '\%(万元\|万\|元\|\%([万元]\)\@![一-鿿A-Za-z]\{1,3}\)\=' . s:end . '~ contains=budgetUnitSuffix'
syn match budgetUnitSuffix contained '[一-鿿A-Za-z]\+'
execute 'syn match budgetDate ~' . s:start . s:d . '\{4}[-－]' . s:d . '\{1,2}[-－]' . s:d . '\{1,2}\%(\%(\.\.\|．．\|至\|[~～]\)'
      \ . s:d . '\{4}[-－]' . s:d . '\{1,2}[-－]' . s:d . '\{1,2}\)\=' . s:end . '~'
execute 'syn match budgetFundingSource ~' . s:start . s:sources . s:end . '~'
execute 'syn match budgetUnitType ~' . s:start . '\%(行政\|参公\|事业\|工勤\)' . s:end . '~'

" Formulas: everything after the first = up to a comment.
syn region budgetFormula matchgroup=budgetAssign start='[=＝]' end='[#＃]\@=\|$' oneline
      \ contains=budgetString,budgetStringError,budgetOperator,budgetParen,budgetBuiltin,budgetName,budgetFormulaNumber
syn match budgetOperator contained '[-+*/×÷＋－＊／−]'
syn match budgetParen contained '[()（）]'
let s:name_char = '[^ \t　\u00a0+\-*/×÷＋－＊／−()（）#＃"“「『=＝,，]'
execute 'syn match budgetName contained ~[^ \t　\u00a00-9０-９.．,，+\-*/×÷＋－＊／−()（）#＃"“「『=＝]' . s:name_char . '*~'
execute 'syn match budgetBuiltin contained ~' . s:name_char . '\@<!' . s:builtins . s:name_char . '\@!~'
execute 'syn match budgetFormulaNumber contained ~\%(' . s:d . '\{1,3}\%([,，]' . s:d . '\{3}\)\+\|' . s:d . '\+\)\%([.．]' . s:d . '\+\)\=\%(万元\|万\|元\)\=\|[.．]' . s:d . '\+\%(万元\|万\|元\)\=~ contains=budgetUnitSuffix'

" --- Statements (first field of a line) -------------------------------------------------------
execute 'syn match budgetStatement ~^' . s:top . s:kend . '~'
execute 'syn match budgetDefinedName ~\%(^设' . s:sep . '\)\@<=[^ \t　\u00a0#＃=＝"“「『]\+' . s:end . '~'
execute 'syn match budgetYear ~\%(^年度' . s:sep . '\)\@<=' . s:d . '\{4}年\=' . s:end . '~'
execute 'syn match budgetMoneyUnit ~\%(^金额单位' . s:sep . '\)\@<=\%(万元\|元\|万\)' . s:end . '~'
execute 'syn match budgetTable ~\%(^空表' . s:sep . '\)\@<=表' . s:d . '\{1,2}' . s:end . '~'
execute 'syn match budgetRuleId ~\%(^允许' . s:sep . '\)\@<=[A-Za-zＡ-Ｚａ-ｚ][-A-Za-z0-9_－Ａ-Ｚａ-ｚ０-９]*' . s:end . '~'

" Block headers: a bare number on the line is a unit (or department) code.
execute 'syn match budgetHeaderLine ~^' . s:header . s:kend . '.*$~'
      \ . ' contains=budgetStatement,budgetUnitCode,budgetUnitType,budgetFundingSource,budgetString,budgetStringError,budgetComment,budgetFormula'
execute 'syn match budgetUnitCode contained ~' . s:start . s:d . '\+' . s:end . '~'

" Child keywords (indented first field), indicator levels, tasks.
execute 'syn match budgetKeyword ~^' . s:ws . '\+\zs' . s:child . s:kend . '~'
execute 'syn match budgetIndicator ~^' . s:ws . '*\zs' . s:levels . s:kend . '~ contains=budgetIndicatorSlash'
syn match budgetIndicatorSlash contained '[/／]'
" After an indicator's value: 权重 N, 方向 正向.
execute 'syn match budgetIndicatorKey ~\%(^' . s:ws . '*' . s:levels . '[ \t　\u00a0:：].*\)\@<=' . s:start . s:indicator_keys . s:end . '~'
execute 'syn match budgetTask ~\%(^' . s:ws . '\+任务' . s:sep . '\)\@<=' . s:tasks . s:end . '~'

" Expenditure lines: 7-digit function code, 5-digit economic code, then name, amount, formula,
" 来源 X, 原因 "…".
execute 'syn match budgetFunctionCode ~^' . s:ws . '*\zs' . s:d . '\{7}\ze' . s:ws . '\+' . s:d . '\{5}' . s:end . '~'
execute 'syn match budgetEconomicCode ~\%(^' . s:ws . '*' . s:d . '\{7}' . s:ws . '\+\)\@<=' . s:d . '\{5}' . s:end . '~'
execute 'syn match budgetLineKey ~\%(^' . s:ws . '*' . s:d . '\{7}' . s:ws . '.*\)\@<=' . s:start . '\%(来源\|原因\)' . s:end . '~'

" 采购 目录编码 品目 规格 X 6台 单价 P 金额 A 服务 "…" 时间 T 项目 "…"
execute 'syn match budgetProcurementCode ~\%(^' . s:ws . '\+采购' . s:sep . '\)\@<=[A-Za-zＡ-Ｚａ-ｚ]' . s:d . '*' . s:end . '~'
execute 'syn match budgetPurchaseKey ~\%(^' . s:ws . '\+采购[ \t　\u00a0:：].*\)\@<=' . s:start . s:purchase_keys . s:end . '~'
execute 'syn match budgetKeyword ~^' . s:ws . '\+\zs采购' . s:kend . '~'

" 说明: 话题 较预算 "…" (a word between a topic and its quoted reason).
execute 'syn match budgetReasonBasis ~\%(^' . s:ws . '\+[^ \t　\u00a0#＃"“「『=＝:：]\+' . s:sep . '\)\@<=' . s:reason_basis . '\%(' . s:ws . '*["“「『]\)\@=~'

" 三公 items: 因公出国 团组 N 人次 N / 公务接待 批次 N 人次 N / 公务用车 保有 N 购置 N
execute 'syn match budgetSanGongLabel ~\%(^' . s:ws . '\+\%(因公出国\|公务接待\|公务用车\)[ \t　\u00a0:：].*\)\@<=' . s:start . s:sangong_labels . s:end . '~'

" Strings and comments are defined last so that they win over any item starting at the same
" column.  A quote left open runs to the end of the line (budgetc reports unterminated-string).
syn match budgetStringError '["“「『].*$'
syn match budgetString '"[^"]*"'
syn match budgetString '“[^”]*”'
syn match budgetString '「[^」]*」'
syn match budgetString '『[^』]*』'
syn match budgetComment '[#＃].*$' contains=budgetTodo

" --- Colours ---------------------------------------------------------------------------------
hi def link budgetComment        Comment
hi def link budgetTodo           Todo
hi def link budgetString         String
hi def link budgetStringError    Error
hi def link budgetStatement      Statement
hi def link budgetKeyword        Keyword
hi def link budgetIndicator      Keyword
hi def link budgetIndicatorSlash Delimiter
hi def link budgetIndicatorKey   Keyword
hi def link budgetReasonBasis    Keyword
hi def link budgetLineKey        Keyword
hi def link budgetPurchaseKey    Keyword
hi def link budgetSanGongLabel   Keyword
hi def link budgetNumber         Number
hi def link budgetFormulaNumber  Number
hi def link budgetUnitSuffix     Number
hi def link budgetDate           Number
hi def link budgetYear           Number
hi def link budgetFunctionCode   Special
hi def link budgetEconomicCode   Special
hi def link budgetProcurementCode Special
hi def link budgetUnitCode       Special
hi def link budgetTable          Special
hi def link budgetRuleId         Special
hi def link budgetAssign         Operator
hi def link budgetOperator       Operator
hi def link budgetParen          Delimiter
hi def link budgetName           Identifier
hi def link budgetDefinedName    Identifier
hi def link budgetBuiltin        Identifier
hi def link budgetUnitType       Type
hi def link budgetFundingSource  Type
hi def link budgetMoneyUnit      Type
hi def link budgetTask           Type

delfunction s:Alt
let b:current_syntax = 'budget'
let &cpo = s:cpo_save
unlet s:cpo_save
