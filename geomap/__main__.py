"""``python -m geomap`` runs the command line."""

from geomap.cli.main import main

if __name__ == "__main__":
    main()
