"""Builds: plan the targets, produce them in workers, write them; ``session`` runs load -> plan -> build."""
