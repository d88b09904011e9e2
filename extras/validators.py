"""Where NetBox configurations import validator base classes from
(`from extras.validators import CustomValidator`); the implementation is in
ipamcore.validators."""

from ipamcore.validators import AbortRequest, CustomValidator

__all__ = ["AbortRequest", "CustomValidator"]
