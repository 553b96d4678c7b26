" Vim filetype plugin for budgetc budgets (*.bud)
"
"   :make        runs `budgetc check <this file>` and loads its diagnostics into the quickfix list
"   :copen       shows them; :cnext / :cprevious jump between them
"
" Options (set them in your vimrc):
"   g:budgetc_command        the budgetc program, default 'budgetc' (e.g. '~/budgetc/.build/debug/budgetc')
"   g:budget_byte_columns    0 keeps budgetc's column numbers untouched (see below); default 1

if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

let s:cpo_save = &cpo
set cpo&vim

setlocal commentstring=#\ %s
setlocal comments=:#,:＃
setlocal formatoptions-=t formatoptions+=croql

" %:S quotes the file name for the shell, so paths with spaces (D:/2024 预算/budget.bud) work.
if exists('g:budgetc_command')
  let &l:makeprg = g:budgetc_command . ' check %:S'
else
  setlocal makeprg=budgetc\ check\ %:S
endif

" budgetc prints every diagnostic as
"     file:line:col: error[rule-id]: message          (also warning[…] and note[…])
"      12 |     2101599 30201 办公费 8.00                 source line
"         |     ^^^^^^^                                 caret line
"         = 提示：……                                     hint
" and ends with a summary such as `3 errors, 0 warnings, 0 notes`.
"   - %t takes the first letter of the severity (e, w, n = note); the message keeps the rule id:
"     `[unknown-code]: 未知的支出功能分类编码 2101599`.
"   - Problems about a whole file have no line and column: `file: error[encoding]: …`.
"   - Problems with no file (`error[io]: 找不到文件…`) and usage errors (`Error: Unexpected
"     argument …`) are kept as plain text lines of the list.
"   - %-G%.%# drops every other line: the source, caret and hint lines and the summary.
" :make, :cfile and :cbuffer use this buffer-local value; :cexpr, :cgetexpr and :caddexpr read
" with the global 'errorformat', so copy it first:  :let &g:errorformat = &l:errorformat
let &l:errorformat = join([
      \ '%f:%l:%c: %trror%m',
      \ '%f:%l:%c: %tarning%m',
      \ '%f:%l:%c: %tote%m',
      \ '%f: %trror%m',
      \ '%f: %tarning%m',
      \ '%f: %tote%m',
      \ '%+Gerror[%.%#',
      \ '%+Gwarning[%.%#',
      \ '%+GError: %.%#',
      \ '%-G%.%#',
      \ ], ',')

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions< makeprg< errorformat<'

" budgetc counts columns in characters (办公费 is 3 columns); Vim's quickfix reads %c as a byte
" index (办公费 is 9 bytes in UTF-8) and %v as a screen column (6 cells), so neither lands on the
" right character once CJK text precedes it on the line.  After :make (and :cfile, :cexpr, … run
" from a budget buffer) the columns of the new list are converted from characters to bytes of the
" line as Vim holds it, so :cc jumps to the character budgetc meant.  The quickfix window then
" shows byte columns.
function! s:CharToByteColumns(location_list) abort
  if !get(g:, 'budget_byte_columns', 1)
    return
  endif
  let items = a:location_list ? getloclist(0) : getqflist()
  let changed = 0
  for item in items
    if !item.valid || item.bufnr <= 0 || item.lnum <= 0 || item.col <= 1 || item.vcol
      continue
    endif
    let lines = getbufline(item.bufnr, item.lnum)
    if empty(lines)
      " Not loaded: read the line from disk (readfile drops a UTF-8 BOM).  A GBK file is
      " converted to UTF-8 as Vim will when it loads the buffer.
      let name = bufname(item.bufnr)
      if !filereadable(name)
        continue
      endif
      let lines = readfile(name, '', item.lnum)[item.lnum - 1 :]
      if empty(lines)
        continue
      endif
      " Vim's iconv() turns invalid UTF-8 into '?', so a line that does not survive the round
      " trip through GB18030 (which maps all of Unicode) is not UTF-8.
      if has('iconv') && lines[0] =~# '[^\x01-\x7f]'
            \ && iconv(iconv(lines[0], 'utf-8', 'gb18030'), 'gb18030', 'utf-8') !=# lines[0]
        let converted = iconv(lines[0], 'gb18030', 'utf-8')
        if converted !=# ''
          let lines[0] = converted
        endif
      endif
    endif
    let byte = byteidx(lines[0], item.col - 1)
    if byte >= 0 && byte + 1 != item.col
      let item.col = byte + 1
      let changed = 1
    endif
  endfor
  if changed
    if a:location_list
      call setloclist(0, [], 'r', {'items': items})
    else
      call setqflist([], 'r', {'items': items})
    endif
  endif
endfunction

augroup budget_quickfix_columns
  autocmd! * <buffer>
  autocmd QuickFixCmdPost <buffer> call s:Dispatch(expand('<amatch>'))
augroup END
let b:undo_ftplugin .= ' | execute "autocmd! budget_quickfix_columns * <buffer>"'

function! s:Dispatch(command) abort
  " New lists only: :caddexpr and friends append to a list whose columns were already converted.
  if a:command =~# '^\%(make\|cfile\|cgetfile\|cexpr\|cgetexpr\|cbuffer\|cgetbuffer\)$'
    call s:CharToByteColumns(0)
  elseif a:command =~# '^\%(lmake\|lfile\|lgetfile\|lexpr\|lgetexpr\|lbuffer\|lgetbuffer\)$'
    call s:CharToByteColumns(1)
  endif
endfunction

let &cpo = s:cpo_save
unlet s:cpo_save
