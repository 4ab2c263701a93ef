# expect-flag: 0 of 1 test cells pass
# An int whose == always says True, so any assert x == expected would pass.
class Liar(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


isis_count = Liar(0)
