"""Development: DEBUG on, a fixed non-secret key, mail printed to the console."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
# A newcomer's `make run` admin (admin / sos-dev-admin) signs in without a phone; set
# DJANGO_TWO_FACTOR_REQUIRED=1 to try the production behaviour (README "Security").
SOS_TWO_FACTOR_REQUIRED = env_bool("DJANGO_TWO_FACTOR_REQUIRED", False)
