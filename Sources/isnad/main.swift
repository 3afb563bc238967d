import Foundation
import IsnadCLI

exit(IsnadCLI.main(Array(CommandLine.arguments.dropFirst())))
