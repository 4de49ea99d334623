"""The one store of what computations read and make: `keys` finds the files a computation depends on and hashes
them (standard library only); `tables` keeps the tables computed from them on disk, one lock and one pruning rule.
"""
