def new_plan(*a, **k): raise NotImplementedError
