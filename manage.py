#!/usr/bin/env python3
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipamcore.settings")
    from django.core.management import execute_from_command_line

    from ipamcore.startup import config_errors_exit

    with config_errors_exit():
        execute_from_command_line(sys.argv)
