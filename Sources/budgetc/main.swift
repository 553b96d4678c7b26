import BudgetCore
print("budgetc")
