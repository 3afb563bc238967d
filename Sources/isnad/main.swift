import Foundation
import IsnadCLI

exit(IsnadCLI.main())
