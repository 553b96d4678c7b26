" budgetc department budgets
autocmd BufNewFile,BufRead *.bud setfiletype budget
