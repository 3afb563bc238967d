// libFuzzer target: FollowTheMoney entities (JSON Lines), as `isnad import --from ftm FILE`
// reads them. The checks are ExchangeChecks' (FuzzSupport).
import FuzzSupport
import IsnadKit

fuzz { try ExchangeChecks(format: .ftm).check }
