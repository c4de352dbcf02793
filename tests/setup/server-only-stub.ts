// Unit tests import data-access modules outside React's server environment.
export {};
