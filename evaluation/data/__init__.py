"""Labelled data sets shipped with kehou (package data: the CSV files beside this file)."""
