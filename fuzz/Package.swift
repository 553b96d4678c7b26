// swift-tools-version:6.0
// libFuzzer target over the parser, resolver, evaluator, rules and table builders.
// Built only by `make fuzz` (it needs -sanitize=fuzzer, which supplies `main`).
import PackageDescription

let package = Package(
    name: "budgetc-fuzz",
    dependencies: [.package(name: "budgetc", path: "..")],
    targets: [
        .executableTarget(
            name: "BudgetFuzz",
            dependencies: [.product(name: "BudgetCore", package: "budgetc")],
            path: "Sources/BudgetFuzz"
        ),
    ]
)
