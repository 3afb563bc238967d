import Foundation
import IsnadCLI

exit(runCommandLine(Array(CommandLine.arguments.dropFirst())))
