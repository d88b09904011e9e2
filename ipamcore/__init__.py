"""ipamcore: the shared framework every app builds on, and the project's settings."""

VERSION = "0.1.0"
# The NetBox release whose REST contract we speak; clients gate features on it.
NETBOX_COMPAT_VERSION = "4.6.8"
API_VERSION = "4.6"
