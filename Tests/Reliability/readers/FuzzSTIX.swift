// libFuzzer target: a STIX 2.1 bundle, as `isnad import --from stix FILE` reads it. The checks
// are ExchangeChecks' (FuzzSupport).
import FuzzSupport
import IsnadKit

fuzz { try ExchangeChecks(format: .stix).check }
