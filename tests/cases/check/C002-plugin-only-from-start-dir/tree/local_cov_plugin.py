def coverage_init(reg, options):
    pass
