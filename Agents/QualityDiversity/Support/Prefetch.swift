import CGymSupport

/// Asks the processor to start bringing the `count` values at `row` into its second-level
/// cache, one request per 64-byte line, so that a pass over the row a little later finds them
/// there.
///
/// The emitters use it on parents that sit at random places in a large archive: they choose
/// every parent of a batch, ask for all of them, draw the batch's noise (a few microseconds of
/// arithmetic while the loads complete), and only then read the parents. Without it each
/// parent row cost a chain of cache misses in the middle of the mutation loop.
@inline(__always)
func prefetch(_ row: UnsafePointer<Double>, count: Int) {
  var offset = 0
  while offset < count {
    cgym_prefetch_l2(row + offset)
    offset &+= 8
  }
  if count > 0 { cgym_prefetch_l2(row + (count - 1)) }
}
