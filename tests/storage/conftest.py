"""A real S3-compatible server for the storage tests: scripts/s3-server (moto's server mode) in its own process.

Started once per test session on a free port and stopped at the end; every test gets a bucket of its own.
"""

import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
from django.core.cache import cache

from sos_site.storage import public_read_policy, s3_storages

ROOT = Path(__file__).resolve().parent.parent.parent
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
REGION = "us-east-1"


@pytest.fixture(scope="session")
def s3_endpoint():
    """The URL of a local S3 server running for this test session."""
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "s3-server"), "--port", "0", "--bucket", "sos-session"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()  # blocks until the server is up and the bucket made (or it died)
        assert line.startswith("s3-server ready "), f"scripts/s3-server did not start: {line!r}"
        fields = dict(field.split("=", 1) for field in line.split()[2:])
        yield fields["endpoint"]
    finally:
        process.terminate()
        process.wait(timeout=10)


class Bucket:
    """One bucket on the local server, with what the tests ask of it."""

    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.name = f"sos-test-{uuid.uuid4().hex[:12]}"
        self.client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION, **CREDENTIALS)
        self.client.create_bucket(Bucket=self.name)
        self.client.put_bucket_policy(Bucket=self.name, Policy=public_read_policy(self.name))
        self.public_url = f"{endpoint}/{self.name}"

    def keys(self, prefix=""):
        response = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return sorted(item["Key"] for item in response.get("Contents", []))

    def read(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


def files_under(folder):
    return sorted(str(path.relative_to(folder)) for path in Path(folder).rglob("*") if path.is_file())


@pytest.fixture
def s3_bucket(s3_endpoint, settings):
    """Uploads go to a fresh bucket on the local S3 server, configured as SOS_S3_* would configure them."""
    bucket = Bucket(s3_endpoint)
    settings.STORAGES = {
        **settings.STORAGES,
        **s3_storages(
            bucket.name,
            endpoint_url=s3_endpoint,
            custom_domain=bucket.public_url,
            region=REGION,
            access_key=CREDENTIALS["aws_access_key_id"],
            secret_key=CREDENTIALS["aws_secret_access_key"],
        ),
    }
    cache.clear()  # Wagtail caches renditions by image id, and ids come back after each test's rollback
    yield bucket
    cache.clear()
